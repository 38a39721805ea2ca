using Microsoft.Extensions.Hosting;
using Workbench.Grains.Endpoints;

namespace Workbench.Silo.Cluster;

/// <summary>
/// This silo's shares of endpoint limits, following Orleans membership: every change of the active
/// silos (one joins, one is declared dead) moves the silo's place and so its shares.
/// </summary>
public sealed class MembershipEndpointShares(IClusterMembershipService membership, ILocalSiloDetails local) : EndpointShares, IHostedService, IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private Task? _follow;

    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken)
    {
        Follow(membership.CurrentSnapshot);
        _follow = Task.Run(() => FollowAsync(_stop.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        if (_follow is { } follow)
        {
            await follow.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    /// <inheritdoc />
    public void Dispose() => _stop.Dispose();

    /// <summary>The place of <paramref name="silo"/> among the active silos of <paramref name="snapshot"/>, in address order.</summary>
    public static (int Rank, int Silos) PlaceOf(SiloAddress silo, ClusterMembershipSnapshot snapshot)
    {
        var active = snapshot.Members.Values.Where(m => m.Status == SiloStatus.Active).Select(m => m.SiloAddress.ToParsableString())
            .Order(StringComparer.Ordinal).ToList();
        var rank = active.IndexOf(silo.ToParsableString());
        // A silo not (or no longer) active in its own view takes the last place, so its share is never the larger one.
        return (rank < 0 ? Math.Max(0, active.Count) : rank, Math.Max(1, rank < 0 ? active.Count + 1 : active.Count));
    }

    private async Task FollowAsync(CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var snapshot in membership.MembershipUpdates.WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                Follow(snapshot);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The silo is stopping.
        }
    }

    private void Follow(ClusterMembershipSnapshot snapshot)
    {
        var (rank, silos) = PlaceOf(local.SiloAddress, snapshot);
        Move(rank, silos);
    }
}
