using System.Globalization;
using System.Text.Json.Nodes;
using Npgsql;

namespace Workbench.Cli.Tests.Cluster;

/// <summary>
/// Real silo processes on PostgreSQL, a real client process, and a loopback OpenAI-compatible server
/// that counts calls: silos killed with SIGKILL mid-run, and endpoint limits held by the cluster as a whole.
/// </summary>
public sealed class ClusterFailureTests : IAsyncDisposable
{
    private const int Rows = 900;
    private const int MaxConcurrency = 12;
    private const int Silos = 3;
    private readonly WorkbenchProcess _cli = new();
    private readonly TestPostgres _database = new();
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    public async ValueTask DisposeAsync()
    {
        _cli.Dispose();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task A_silo_killed_mid_run_costs_only_its_calls_in_flight_and_the_run_completes_on_the_others()
    {
        await using var server = await OpenAICompatibleServer.StartAsync();
        server.Latency = TimeSpan.FromMilliseconds(5);
        await using var store = await _database.OpenAsync();
        using var silos = new SiloProcesses(_cli.Folder, _database.ConnectionString);
        await silos.StartAsync(Silos);
        WriteSpec(server, "spec.yaml");

        using var client = _cli.Start("", "eval", "spec.yaml", "--postgres", _database.ConnectionString, "--out", "out");
        var clientError = client.StandardError.ReadToEndAsync(_ct);
        var clientOutput = client.StandardOutput.ReadToEndAsync(_ct);
        await Eventually.TrueAsync(() => Task.FromResult(server.Answered >= Rows / 4), "a quarter of the rows answered", TimeSpan.FromSeconds(90), _ct);
        // Freeze the server: every silo's share of the calls piles up in flight, and every answer already sent reaches the cache.
        server.Hold();
        var (inFlight, cached) = (0L, 0L);
        await Eventually.TrueAsync(
            async () => (inFlight = server.Requests - server.Answered) == MaxConcurrency && (cached = await CachedAsync()) == server.Answered,
            $"{MaxConcurrency} calls in flight and every earlier answer cached", TimeSpan.FromSeconds(30), _ct)
            .ContinueWith(t => t.IsFaulted ? throw new TimeoutException($"in flight {inFlight}, cached {cached} of {server.Answered} answered", t.Exception) : t, _ct, TaskContinuationOptions.None, TaskScheduler.Default)
            .Unwrap();
        var peakBeforeKill = server.MaxInFlight;
        silos.Silos[1].Kill();
        server.Release();

        await client.WaitForExitAsync(_ct).WaitAsync(TimeSpan.FromMinutes(3), _ct);

        Assert.True(client.ExitCode == 0, await clientError + await clientOutput);
        var ids = File.ReadAllLines(Path.Combine(_cli.Folder, "out", "results.jsonl")).Select(l => JsonNode.Parse(l)!["row_id"]!.GetValue<string>()).ToList();
        Assert.Equal(Enumerable.Range(0, Rows).Select(i => $"q{i}"), ids);
        var asked = server.Bodies.Select(OpenAICompatibleServer.LastMessage).ToList();
        Assert.Equal(Rows, asked.Distinct().Count());
        // Only the dead silo's calls in flight are made again: its share of max_concurrency.
        Assert.InRange(asked.Count - Rows, 0, MaxConcurrency / Silos);
        // Three silos held exactly the cluster-wide limit. Once the dead silo is evicted its share goes to the
        // others, while the server may still be finishing the calls it had sent: at most that share over.
        Assert.Equal(MaxConcurrency, peakBeforeKill);
        Assert.InRange(server.MaxInFlight, MaxConcurrency, MaxConcurrency + (MaxConcurrency / Silos));
    }

    [Fact]
    public async Task Every_silo_killed_mid_run_then_started_again_the_run_picks_itself_up_and_completes()
    {
        await using var server = await OpenAICompatibleServer.StartAsync();
        server.Latency = TimeSpan.FromMilliseconds(5);
        await using var store = await _database.OpenAsync();
        using var silos = new SiloProcesses(_cli.Folder, _database.ConnectionString);
        await silos.StartAsync(2);
        WriteSpec(server, "spec.yaml");

        using (var client = _cli.Start("", "eval", "spec.yaml", "--postgres", _database.ConnectionString))
        {
            await Eventually.TrueAsync(() => Task.FromResult(server.Answered >= Rows / 4), "a quarter of the rows answered", TimeSpan.FromSeconds(90), _ct);
            silos.KillAll();
            client.Kill();
            await client.WaitForExitAsync(_ct);
        }
        var runId = await RunIdAsync();
        using var again = new SiloProcesses(_cli.Folder, _database.ConnectionString);
        await again.StartAsync(2);

        var (exit, output, error) = await _cli.RunAsync("run", "follow", runId, "--postgres", _database.ConnectionString, "--out", "followed");

        Assert.True(exit == 0, error + output);
        var ids = File.ReadAllLines(Path.Combine(_cli.Folder, "followed", "results.jsonl")).Select(l => JsonNode.Parse(l)!["row_id"]!.GetValue<string>()).ToList();
        Assert.Equal(Enumerable.Range(0, Rows).Select(i => $"q{i}"), ids);
        Assert.Equal(Rows, server.Bodies.Select(OpenAICompatibleServer.LastMessage).Distinct().Count());
    }

    [Fact]
    public async Task Two_runs_at_once_on_three_silos_share_one_endpoint_limit()
    {
        await using var server = await OpenAICompatibleServer.StartAsync();
        server.Latency = TimeSpan.FromMilliseconds(20);
        await using var store = await _database.OpenAsync();
        using var silos = new SiloProcesses(_cli.Folder, _database.ConnectionString);
        await silos.StartAsync(Silos);
        WriteSpec(server, "a.yaml", rows: 300);
        WriteSpec(server, "b.yaml", rows: 300, prompt: "again: {{question}}");

        // Held, the server answers nothing: both runs' calls pile up until the cluster's permits are all taken.
        server.Hold();
        var first = _cli.RunAsync("eval", "a.yaml", "--postgres", _database.ConnectionString, "--out", "a");
        var second = _cli.RunAsync("eval", "b.yaml", "--postgres", _database.ConnectionString, "--out", "b");
        await Eventually.TrueAsync(() => Task.FromResult(server.Requests >= MaxConcurrency), "the limit's calls in flight", TimeSpan.FromSeconds(90), _ct);
        server.Release();
        var results = await Task.WhenAll(first, second);

        Assert.All(results, r => Assert.True(r.ExitCode == 0, r.Error + r.Output));
        Assert.Equal(600, server.Bodies.Count);
        Assert.Contains(server.Bodies, b => OpenAICompatibleServer.LastMessage(b).StartsWith("again:", StringComparison.Ordinal));
        // Both runs' calls went through the same per-silo shares of one cluster-wide limit: the limit fully used, never passed.
        Assert.Equal(MaxConcurrency, server.MaxInFlight);
    }

    [Fact]
    public async Task Three_silos_keep_to_one_requests_per_minute_limit_between_them()
    {
        const int Rpm = 1_200;
        await using var server = await OpenAICompatibleServer.StartAsync();
        await using var store = await _database.OpenAsync();
        using var silos = new SiloProcesses(_cli.Folder, _database.ConnectionString);
        await silos.StartAsync(Silos);
        WriteSpec(server, "spec.yaml", rows: 240, limits: $"rpm: {Rpm}");

        var (exit, output, error) = await _cli.RunAsync("eval", "spec.yaml", "--postgres", _database.ConnectionString, "--out", "out");

        Assert.True(exit == 0, error + output);
        Assert.Equal(240, server.Bodies.Count);
        // Each silo's token bucket holds its share (400 a minute) and starts with one second of it; together
        // they may start with one second of the whole limit, and then never pass 20 calls a second.
        var arrivals = server.Arrivals.Order().Select(t => t / (double)System.Diagnostics.Stopwatch.Frequency).ToArray();
        var perSecond = Rpm / 60.0;
        for (var i = 0; i < arrivals.Length; i++)
        {
            var window = arrivals.Skip(i).TakeWhile(t => t - arrivals[i] < 5).Count();
            Assert.True(window <= (5 * perSecond) + perSecond + Silos, $"{window} calls within 5 s from call {i}: more than the limit lets through");
        }
        Assert.True(arrivals[^1] - arrivals[0] >= (240 - perSecond - Silos) / perSecond * 0.9, $"240 calls took {arrivals[^1] - arrivals[0]:F1} s: faster than {Rpm} a minute");
    }

    [Fact]
    public async Task A_restart_of_PostgreSQL_mid_run_is_ridden_out_with_nothing_lost_or_doubled()
    {
        var directory = Environment.GetEnvironmentVariable("WORKBENCH_POSTGRES_DIR")
            ?? throw new InvalidOperationException("this test restarts the private PostgreSQL server: run it through ./test, which sets WORKBENCH_POSTGRES_DIR.");
        await using var server = await OpenAICompatibleServer.StartAsync();
        server.Latency = TimeSpan.FromMilliseconds(10);
        await using (await _database.OpenAsync())
        {
        }
        using var silos = new SiloProcesses(_cli.Folder, _database.ConnectionString);
        await silos.StartAsync(2);
        WriteSpec(server, "spec.yaml");

        var run = _cli.RunAsync("eval", "spec.yaml", "--postgres", _database.ConnectionString, "--out", "out");
        await Eventually.TrueAsync(() => Task.FromResult(server.Answered >= Rows / 4), "a quarter of the rows answered", TimeSpan.FromSeconds(90), _ct);
        var restart = System.Diagnostics.Process.Start("bash", [Path.Combine(RepositoryRoot(), "scripts", "postgres"), "restart", directory])!;
        await restart.WaitForExitAsync(_ct);
        Assert.Equal(0, restart.ExitCode);
        var (exit, output, error) = await run;

        Assert.True(exit == 0, error + output);
        var ids = File.ReadAllLines(Path.Combine(_cli.Folder, "out", "results.jsonl")).Select(l => JsonNode.Parse(l)!["row_id"]!.GetValue<string>()).ToList();
        Assert.Equal(Enumerable.Range(0, Rows).Select(i => $"q{i}"), ids);
        Assert.Equal(Rows, server.Bodies.Select(OpenAICompatibleServer.LastMessage).Distinct().Count());
    }

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "scripts", "postgres")))
            {
                return folder.FullName;
            }
        }
        throw new InvalidOperationException("the repository's scripts/postgres was not found above the test's folder.");
    }

    private void WriteSpec(OpenAICompatibleServer server, string file, int rows = Rows, string prompt = "{{question}}", string limits = "")
    {
        _cli.Write("data.jsonl", string.Concat(Enumerable.Range(0, Rows).Select(i => $"{{\"id\": \"q{i}\", \"question\": \"question {i}\"}}\n")));
        _cli.Write(file, $$$"""
            name: {{{Path.GetFileNameWithoutExtension(file)}}}
            dataset: {path: data.jsonl, limit: {{{rows}}}}
            prompts: [{id: p, template: "{{{prompt}}}"}]
            endpoints: [{id: model, type: openai, model: m, base_url: "{{{server.BaseUrl}}}", max_concurrency: {{{MaxConcurrency}}}{{{(limits.Length > 0 ? ", " + limits : "")}}}}]
            """);
    }

    private async Task<long> CachedAsync()
    {
        await using var connection = new NpgsqlConnection(_database.ConnectionString);
        await connection.OpenAsync(_ct);
        await using var command = new NpgsqlCommand("SELECT COUNT(*) FROM response_cache", connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(_ct), CultureInfo.InvariantCulture);
    }

    private async Task<string> RunIdAsync()
    {
        await using var connection = new NpgsqlConnection(_database.ConnectionString);
        await connection.OpenAsync(_ct);
        await using var command = new NpgsqlCommand("SELECT run_id FROM runs ORDER BY run_no DESC LIMIT 1", connection);
        return (string)(await command.ExecuteScalarAsync(_ct))!;
    }
}
