using Orleans.Placement;
using Orleans.Runtime.Placement;

namespace Workbench.Grains.Shards;

/// <summary>
/// Spreads a run's shards over the silos: shard <c>i</c> of a run goes to the <c>i</c>-th compatible
/// silo (ordered by address, counted from a place that depends on the run), so a run with as many
/// shards as silos puts one on each. Orleans' random placement would often put two on one silo and
/// none on another. When a silo dies, its shards come back on the silos that are left.
/// </summary>
[GenerateSerializer, Immutable, SuppressReferenceTracking]
public sealed class ShardPlacement : PlacementStrategy
{
    /// <summary>The one instance.</summary>
    public static ShardPlacement Instance { get; } = new();
}

/// <summary>Places a grain with <see cref="ShardPlacement"/>.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class ShardPlacementAttribute() : PlacementAttribute(ShardPlacement.Instance);

/// <summary>Chooses the silo of a shard from its key, <c>RUN/INDEX</c>.</summary>
public sealed class ShardPlacementDirector : IPlacementDirector
{
    /// <inheritdoc />
    public Task<SiloAddress> OnAddActivation(PlacementStrategy strategy, PlacementTarget target, IPlacementContext context)
    {
        var silos = context.GetCompatibleSilos(target).OrderBy(s => s.ToParsableString(), StringComparer.Ordinal).ToArray();
        if (silos.Length == 0)
        {
            throw new OrleansException("no silo can host a run shard: none is active with the shard's grain type.");
        }
        var key = target.GrainIdentity.Key.ToString();
        var slash = key.LastIndexOf('/');
        var index = slash >= 0 && int.TryParse(key.AsSpan(slash + 1), out var parsed) ? parsed : 0;
        // The run's part of the key shifts the start, so that many small runs do not all begin on the first silo.
        var offset = slash > 0 ? (int)(StableHash(key.AsSpan(0, slash)) % (uint)silos.Length) : 0;
        return Task.FromResult(silos[(offset + index) % silos.Length]);
    }

    /// <summary>FNV-1a: the same on every silo and every run of the process, unlike string.GetHashCode.</summary>
    private static uint StableHash(ReadOnlySpan<char> text)
    {
        var hash = 2166136261u;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 16777619u;
        }
        return hash;
    }
}
