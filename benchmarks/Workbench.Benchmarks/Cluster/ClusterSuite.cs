using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Npgsql;
using Workbench.Benchmarks.Eval;
using Workbench.Evaluation.Specs;
using Workbench.Grains.Runs;
using Workbench.Silo.Cluster;
using Workbench.Silo.Hosting;
using Workbench.Silo.Runs;

namespace Workbench.Benchmarks.Cluster;

/// <summary>
/// Silo processes on the private PostgreSQL server (<c>$WORKBENCH_POSTGRES</c>, which <c>./bench</c>
/// starts), driven by a client in this process:
/// <list type="bullet">
/// <item><c>cluster_scaling_3</c>: cells per second with 3 silos over 1, on the simulated endpoint at
/// 100 ms with <c>max_concurrency: 24</c> per silo (<c>limit_scope: silo</c>, a server beside each silo), so
/// that one silo's limit is the bottleneck at about 240 cells/s, far below what the machine's CPU allows;</item>
/// <item><c>failover_s</c>: from the SIGKILL of a silo until its shard commits again on another;</item>
/// <item><c>cluster_cells_per_s_echo</c> on 3 silos, where the database is the limit, with the database
/// transactions per cell.</item>
/// </list>
/// </summary>
internal sealed class ClusterSuite : IBenchmarkSuite
{
    public const string SiloFlag = "--silo-child";

    public string Name => "cluster";

    public async Task<IReadOnlyList<Figure>> RunAsync(CancellationToken cancellationToken)
    {
        var server = Environment.GetEnvironmentVariable("WORKBENCH_POSTGRES") is { Length: > 0 } s
            ? s
            : throw new InvalidOperationException("the cluster benchmarks need PostgreSQL: run them through ./bench, which starts a private server.");
        var folder = Directory.CreateTempSubdirectory("workbench-bench-cluster-").FullName;
        try
        {
            Write(folder, 30_000);
            const string Latency = "{id: sim, type: simulated, model: m, latency: 100ms, max_concurrency: 100000}";
            const string PerSilo = "{id: sim, type: simulated, model: m, latency: 100ms, max_concurrency: 24, limit_scope: silo}";
            Console.WriteLine("  cluster: 1 silo, simulated endpoint at 100 ms, 24 calls at once per silo...");
            var one = await MeasureAsync(server, folder, 1, PerSilo, 4_800, killAfter: null, cancellationToken);
            Console.WriteLine("  cluster: 3 silos, simulated endpoint at 100 ms, 24 calls at once per silo...");
            var three = await MeasureAsync(server, folder, 3, PerSilo, 14_400, killAfter: null, cancellationToken);
            Console.WriteLine("  cluster: 3 silos, one killed with SIGKILL mid-run...");
            var failover = await MeasureAsync(server, folder, 3, Latency, 30_000, killAfter: TimeSpan.FromSeconds(4), cancellationToken);
            Console.WriteLine("  cluster: 3 silos, echo endpoint...");
            var echo = await MeasureAsync(server, folder, 3, "{id: echo, type: echo}", 30_000, killAfter: null, cancellationToken);
            return
            [
                new Figure("cluster_cells_per_s_1", one.CellsPerSecond, "cells/s"),
                new Figure("cluster_cells_per_s_3", three.CellsPerSecond, "cells/s"),
                new Figure("cluster_scaling_3", three.CellsPerSecond / one.CellsPerSecond, "ratio", ">= 2.7", three.CellsPerSecond / one.CellsPerSecond >= 2.7),
                Figure.AtMost("failover_s", failover.FailoverSeconds, "s", 5),
                new Figure("cluster_cells_per_s_echo", echo.CellsPerSecond, "cells/s"),
                new Figure("cluster_db_transactions_per_cell", echo.TransactionsPerCell, "tx/cell"),
            ];
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>The child's side: one silo, until it is killed.</summary>
    public static async Task<int> SiloMainAsync(string[] args)
    {
        await using var silo = await ClusterSilo.StartAsync(
            new ClusterSiloOptions(args[1], int.Parse(args[2], CultureInfo.InvariantCulture), int.Parse(args[3], CultureInfo.InvariantCulture)),
            logging => logging.SetMinimumLevel(LogLevel.Error), CancellationToken.None);
        Console.WriteLine("up");
        await silo.WaitForShutdownAsync(CancellationToken.None);
        return 0;
    }

    private static async Task<(double CellsPerSecond, double FailoverSeconds, double TransactionsPerCell)> MeasureAsync(
        string server, string folder, int silos, string endpoint, int rows, TimeSpan? killAfter, CancellationToken cancellationToken)
    {
        var database = $"wb_bench_{Guid.NewGuid():N}";
        await ExecuteAsync(server, $"CREATE DATABASE {database}", cancellationToken);
        var connection = new NpgsqlConnectionStringBuilder(server) { Database = database }.ConnectionString;
        var children = new List<(Process Process, int Port)>();
        try
        {
            // The schema first, so that silos starting together find it.
            await (await Workbench.Silo.Storage.Postgres.PostgresStore.OpenAsync(connection, cancellationToken)).DisposeAsync();
            for (var i = 0; i < silos; i++)
            {
                var port = LoopbackPorts.Free();
                var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, UseShellExecute = false };
                foreach (var argument in new[] { typeof(ClusterSuite).Assembly.Location, SiloFlag, connection, port.ToString(CultureInfo.InvariantCulture), LoopbackPorts.Free().ToString(CultureInfo.InvariantCulture) })
                {
                    info.ArgumentList.Add(argument);
                }
                children.Add((Process.Start(info)!, port));
            }
            foreach (var (child, _) in children)
            {
                await child.StandardOutput.ReadLineAsync(cancellationToken);
            }
            File.WriteAllText(Path.Combine(folder, "spec.yaml"), $$"""
                name: cluster-bench
                dataset: {path: data.jsonl, limit: {{rows}}}
                prompts:
                  - id: p
                    template: "{{"{{question}}"}} (#{{"{{id}}"}})"
                endpoints:
                  - {{endpoint}}
                scorers:
                  - exact_match: {reference_field: answers}
                """);
            await using var client = await ClusterConnection.ConnectAsync(connection, logging => logging.SetMinimumLevel(LogLevel.Error), cancellationToken);
            var spec = SpecParser.ParseFile(Path.Combine(folder, "spec.yaml"));
            var transactionsBefore = await TransactionsAsync(server, database, cancellationToken);
            var failover = double.NaN;
            var clock = Stopwatch.StartNew();
            var run = client.Runner.RunAsync(spec, new RunOptions(Path.Combine(folder, "out"), NoCache: true, OnCluster: true), new EvalWorkload.SilentProgress(), cancellationToken);
            if (killAfter is { } delay)
            {
                await Task.Delay(delay, cancellationToken);
                failover = await KillAndTimeFailoverAsync(client, children[^1], cancellationToken);
            }
            var outcome = await run;
            var elapsed = clock.Elapsed.TotalSeconds;
            if (outcome.Status != RunStatus.Completed)
            {
                throw new InvalidOperationException($"the cluster benchmark run ended {outcome.Status}: {outcome.Error}");
            }
            var transactions = await TransactionsAsync(server, database, cancellationToken) - transactionsBefore;
            return (outcome.Summary!.Cells / elapsed, failover, transactions / (double)outcome.Summary.Cells);
        }
        finally
        {
            foreach (var (child, _) in children)
            {
                if (!child.HasExited)
                {
                    child.Kill();
                }
                await child.WaitForExitAsync(CancellationToken.None);
                child.Dispose();
            }
            NpgsqlConnection.ClearAllPools();
            await ExecuteAsync(server, $"DROP DATABASE IF EXISTS {database} WITH (FORCE)", CancellationToken.None);
        }
    }

    /// <summary>Kills a silo and measures the time until the shard it held commits rows again under a new epoch elsewhere.</summary>
    private static async Task<double> KillAndTimeFailoverAsync(ClusterConnection client, (Process Process, int Port) victim, CancellationToken cancellationToken)
    {
        var runId = (await client.Runs.RunningRunsAsync(cancellationToken))[0].RunId;
        var shards = await client.Runs.ShardsAsync(runId, cancellationToken);
        var held = shards.First(s => s.Silo.Contains($":{victim.Port}:", StringComparison.Ordinal));
        victim.Process.Kill();
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromMinutes(2))
        {
            var now = (await client.Runs.ShardsAsync(runId, cancellationToken)).First(s => s.Shard == held.Shard);
            if (now.Epoch > held.Epoch && now.CommittedRows > held.CommittedRows)
            {
                return clock.Elapsed.TotalSeconds;
            }
            await Task.Delay(50, cancellationToken);
        }
        return double.PositiveInfinity;
    }

    private static async Task<long> TransactionsAsync(string server, string database, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(server);
        await connection.OpenAsync(cancellationToken);
        // The statistics collector reports with a short delay; the figure is a ratio over a run of many seconds.
        await using var command = new NpgsqlCommand("SELECT xact_commit + xact_rollback FROM pg_stat_database WHERE datname = $1", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = database });
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private static async Task ExecuteAsync(string server, string sql, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(server);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static void Write(string folder, int rows)
    {
        var source = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Eval", "squad-dev-100.jsonl"));
        using var data = new StreamWriter(Path.Combine(folder, "data.jsonl"));
        for (var i = 0; i < rows; i++)
        {
            var row = System.Text.Json.Nodes.JsonNode.Parse(source[i % source.Length])!.AsObject();
            row["id"] = i.ToString(CultureInfo.InvariantCulture);
            row.Remove("context");
            data.WriteLine(row.ToJsonString());
        }
    }
}
