using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;

namespace Workbench.Cli.Tests;

/// <summary>The real <c>workbench eval</c> process killed with SIGKILL mid-run, then resumed, against a loopback OpenAI-compatible server that counts calls.</summary>
public sealed class CrashRecoveryTests : IDisposable
{
    private const int Rows = 1_500;
    private const int MaxConcurrency = 8;
    private readonly WorkbenchProcess _cli = new();
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task A_killed_run_resumes_with_every_cell_once_in_order_repeating_only_the_calls_in_flight()
    {
        await using var server = await OpenAICompatibleServer.StartAsync();
        server.Latency = TimeSpan.FromMilliseconds(2);
        _cli.Write("data.jsonl", string.Concat(Enumerable.Range(0, Rows).Select(i => $"{{\"id\": \"q{i}\", \"question\": \"question {i}\"}}\n")));
        _cli.Write("spec.yaml", $$$"""
            name: crash
            dataset: data.jsonl
            prompts: [{id: p, template: "{{question}}"}]
            endpoints: [{id: model, type: openai, model: m, base_url: "{{{server.BaseUrl}}}", max_concurrency: {{{MaxConcurrency}}}}]
            """);
        var database = Path.Combine(_cli.Folder, ".workbench", "workbench.db");

        using var process = _cli.Start("", "eval", "spec.yaml");
        await Eventually.TrueAsync(() => Task.FromResult(server.Answered >= 200), "200 answered calls", TimeSpan.FromSeconds(60), _ct);
        // Freeze the server: the run's calls pile up in flight, and every answer already sent reaches the response cache.
        server.Hold();
        await Eventually.TrueAsync(
            async () => server.Requests - server.Answered == MaxConcurrency && await CachedAsync(database) == server.Answered,
            $"{MaxConcurrency} calls in flight and every earlier answer cached", TimeSpan.FromSeconds(30), _ct);
        var inFlight = server.Requests - server.Answered;
        process.Kill();
        await process.WaitForExitAsync(_ct);
        server.Release();
        Assert.InRange(server.Answered, 200, Rows - 1);

        var (exit, output, error) = await _cli.RunAsync("eval", "spec.yaml", "--resume", "last", "--out", "final");

        Assert.True(exit == 0, error + output);
        var ids = File.ReadAllLines(Path.Combine(_cli.Folder, "final", "results.jsonl"))
            .Select(line => JsonNode.Parse(line)!["row_id"]!.GetValue<string>()).ToList();
        Assert.Equal(Enumerable.Range(0, Rows).Select(i => $"q{i}"), ids);
        var asked = server.Bodies.Select(OpenAICompatibleServer.LastMessage).ToList();
        Assert.Equal(Rows, asked.Distinct().Count());
        Assert.InRange(asked.Count - Rows, 0, inFlight);
    }

    private static async Task<long> CachedAsync(string database)
    {
        if (!File.Exists(database))
        {
            return -1;
        }
        await using var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM response_cache";
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }
}
