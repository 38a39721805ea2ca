using System.Globalization;
using System.Text;
using Workbench.Grains.Runs;
using Workbench.Silo.Runs;

namespace Workbench.Silo.Tests.Runs;

public sealed class EarlyStopTests : IAsyncDisposable
{
    private readonly EvalHarness _harness = new();

    public ValueTask DisposeAsync() => _harness.DisposeAsync();

    /// <summary>Rows whose two prompts make the echoing server answer right with the given chances (seeded).</summary>
    private void WriteRows(int rows, double rightA, double rightB, int seed)
    {
        var random = new Random(seed);
        var text = new StringBuilder();
        for (var i = 0; i < rows; i++)
        {
            var a = random.NextDouble() < rightA ? "yes" : "no";
            var b = random.NextDouble() < rightB ? "yes" : "no";
            text.Append(CultureInfo.InvariantCulture, $$"""{"id": "r{{i}}", "a": "{{a}}", "b": "{{b}}", "answer": "yes"}""").Append('\n');
        }
        _harness.Write("data.jsonl", text.ToString());
    }

    private string Spec(string baseUrl) => $$$"""
        name: ab
        dataset: data.jsonl
        prompts:
          - id: a
            template: "{{a}}"
          - id: b
            template: "{{b}}"
        endpoints:
          - id: model
            type: openai
            model: test-model
            base_url: {{{baseUrl}}}
            max_concurrency: 8
            retries: 0
        scorers:
          - exact_match: {reference_field: answer}
        stop: {when: decided, alpha: 0.05, score: exact_match}
        """;

    [Fact]
    public async Task An_ab_run_with_a_clear_difference_stops_early_and_says_it_decided()
    {
        await using var server = await OpenAICompatibleServer.StartAsync(OpenAICompatibleServer.LastMessage);
        server.Latency = TimeSpan.FromMilliseconds(10);
        WriteRows(2_000, rightA: 0.5, rightB: 0.8, seed: 7);
        _harness.Write("spec.yaml", Spec(server.BaseUrl));

        var (outcome, _) = await _harness.RunAsync("spec.yaml", new RunOptions(NoCache: true));

        Assert.Equal(RunStatus.Decided, outcome.Status);
        Assert.Equal(0, outcome.ExitCode);
        // The store says so too, not only the summary.
        using (var store = await Workbench.Silo.Storage.SqliteStore.OpenAsync(_harness.DatabasePath, TestContext.Current.CancellationToken))
        {
            var record = await new Workbench.Silo.Storage.SqliteRunStore(store, TimeProvider.System).GetRunAsync(outcome.RunId, TestContext.Current.CancellationToken);
            Assert.Equal(RunStatus.Decided, record!.Status);
        }
        // The full run is 4,000 calls; a 30-point difference is known after a few hundred rows.
        Assert.InRange(server.Requests, 60, 2_000);
        var sequential = Assert.Single(outcome.Summary!.Sequential!);
        Assert.True(sequential.Decided);
        Assert.True(sequential.Low > 0, $"the confidence sequence excludes zero: [{sequential.Low}, {sequential.High}]");
        var comparison = Assert.Single(outcome.Summary.Comparisons!, c => c.Scorer == "exact_match");
        Assert.Equal("mcnemar-exact", comparison.Test);
        Assert.True(comparison.Difference > 0.15 && comparison.PHolm < 0.05, comparison.Verdict);
        Assert.StartsWith("b × model is better on exact_match", comparison.Verdict, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_ab_run_without_a_difference_runs_to_the_end()
    {
        await using var server = await OpenAICompatibleServer.StartAsync(OpenAICompatibleServer.LastMessage);
        WriteRows(300, rightA: 0.6, rightB: 0.6, seed: 11);
        _harness.Write("spec.yaml", Spec(server.BaseUrl));

        var (outcome, _) = await _harness.RunAsync("spec.yaml", new RunOptions(NoCache: true));

        Assert.Equal(RunStatus.Completed, outcome.Status);
        Assert.Equal(600, server.Requests);
        var sequential = Assert.Single(outcome.Summary!.Sequential!);
        Assert.False(sequential.Decided);
        Assert.Equal(300, sequential.Rows);
        Assert.True(sequential.Low < 0 && sequential.High > 0, $"the confidence sequence holds zero: [{sequential.Low}, {sequential.High}]");
    }
}
