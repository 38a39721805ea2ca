using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using Workbench.Evaluation.Specs;
using Workbench.Cli.Eval;
using Workbench.Grains.Endpoints;
using Workbench.Grains.Runs;
using Workbench.Silo.Cluster;

namespace Workbench.Cli.Cluster;

/// <summary><c>workbench cluster status</c>: the silos, the runs in progress with their shards, and each endpoint's share per silo.</summary>
internal static class ClusterStatusCommand
{
    public static Command Create()
    {
        var postgres = ClusterOptions.Postgres(required: true);
        var status = new Command("status", "Show the silos, the runs in progress with their shards, and each endpoint's share of its limits per silo.") { postgres };
        status.SetAction(async (result, cancellationToken) =>
        {
            try
            {
                await using var cluster = await ClusterConnection.ConnectAsync(result.GetValue(postgres)!, null, cancellationToken);
                await ShowAsync(cluster, cancellationToken);
                return 0;
            }
            catch (SpecException exception)
            {
                return EvalCommand.BadInput(exception);
            }
        });
        return new Command("cluster", "The cluster of silos on PostgreSQL.") { status };
    }

    private static async Task ShowAsync(ClusterConnection cluster, CancellationToken cancellationToken)
    {
        var management = cluster.Client.GetGrain<IManagementGrain>(0);
        var hosts = await management.GetDetailedHosts(false, cancellationToken);
        var active = hosts.Where(h => h.Status == SiloStatus.Active).OrderBy(h => h.SiloAddress.ToParsableString(), StringComparer.Ordinal).ToList();
        var statistics = active.Count == 0 ? [] : await management.GetRuntimeStatistics([.. active.Select(h => h.SiloAddress)], cancellationToken);
        var silos = new Table().AddColumns("silo", "address", "status", "up for", "activations");
        foreach (var host in hosts.Where(h => h.Status is SiloStatus.Active or SiloStatus.Joining or SiloStatus.ShuttingDown or SiloStatus.Stopping)
                     .OrderBy(h => h.SiloAddress.ToParsableString(), StringComparer.Ordinal))
        {
            var index = active.FindIndex(h => h.SiloAddress.Equals(host.SiloAddress));
            var activations = index >= 0 && index < statistics.Length ? statistics[index].ActivationCount.ToString("N0", CultureInfo.InvariantCulture) : "";
            silos.AddRow(Markup.Escape(host.SiloName), Markup.Escape(host.SiloAddress.ToString()), host.Status.ToString(),
                Describe(DateTime.UtcNow - host.StartTime.ToUniversalTime()), activations);
        }
        AnsiConsole.Write(silos);

        var runs = await cluster.Runs.RunningRunsAsync(cancellationToken);
        if (runs.Count == 0)
        {
            AnsiConsole.MarkupLine("No run in progress.");
            return;
        }
        var endpoints = new Dictionary<string, EndpointSpec>(StringComparer.Ordinal);
        foreach (var run in runs)
        {
            var (open, cells) = await cluster.Runs.ProgressAsync(run.RunId, cancellationToken);
            AnsiConsole.MarkupLine($"run [blue]{run.RunId}[/] ({Markup.Escape(run.Name)}): {cells:N0} cells, {open:N0} rows open of {run.TotalRows:N0}");
            var shards = new Table().AddColumns("shard", "epoch", "silo", "rows committed", "rows claimed", "commits rejected");
            foreach (var shard in await cluster.Runs.ShardsAsync(run.RunId, cancellationToken))
            {
                shards.AddRow(shard.Shard, shard.Epoch.ToString(CultureInfo.InvariantCulture), Markup.Escape(shard.Silo),
                    shard.CommittedRows.ToString("N0", CultureInfo.InvariantCulture), shard.ClaimedRows.ToString("N0", CultureInfo.InvariantCulture),
                    shard.RejectedCommits.ToString(CultureInfo.InvariantCulture));
            }
            AnsiConsole.Write(shards);
            if (await cluster.Client.GetGrain<IEvaluationRunGrain>(run.RunId).GetSubmissionAsync(cancellationToken) is { } submission)
            {
                foreach (var endpoint in SpecParser.Parse(submission.SpecText, submission.SpecPath, submission.RegistryMessages()).Endpoints)
                {
                    endpoints.TryAdd(endpoint.Id, endpoint);
                }
            }
        }

        // Every silo computes its share from membership the same way; with the same view, these are the shares they hold.
        var table = new Table().AddColumn("endpoint").AddColumn("limit");
        foreach (var host in active)
        {
            table.AddColumn(Markup.Escape(host.SiloName));
        }
        foreach (var endpoint in endpoints.Values)
        {
            // Limits of a server beside each silo are held whole by every silo.
            var sharing = endpoint.LimitScope == LimitScope.Silo ? 1 : active.Count;
            AddLimit(table, endpoint.Id, "max_concurrency", endpoint.MaxConcurrency, sharing, active.Count);
            if (endpoint.RequestsPerMinute is { } rpm)
            {
                AddLimit(table, endpoint.Id, "rpm", rpm, sharing, active.Count);
            }
            if (endpoint.TokensPerMinute is { } tpm)
            {
                AddLimit(table, endpoint.Id, "tpm", tpm, sharing, active.Count);
            }
        }
        AnsiConsole.Write(table);
    }

    private static void AddLimit(Table table, string endpoint, string name, int limit, int sharing, int silos) =>
        table.AddRow([Markup.Escape(endpoint), $"{name} {limit:N0}", .. Enumerable.Range(0, silos).Select(rank => EndpointShares.ShareOf(limit, rank, sharing).ToString("N0", CultureInfo.InvariantCulture))]);

    private static string Describe(TimeSpan span) =>
        span.TotalHours >= 1 ? $"{(int)span.TotalHours}h {span.Minutes}m" : span.TotalMinutes >= 1 ? $"{span.Minutes}m {span.Seconds}s" : $"{span.Seconds}s";
}
