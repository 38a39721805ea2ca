using System.Text.Json.Nodes;
using Workbench.Evaluation.Specs;
using Workbench.Grains.Runs;
using Workbench.Grains.Shards;
using Workbench.Silo.Runs;
using Workbench.Silo.Tests.Runs;

namespace Workbench.Silo.Tests.Cluster;

public sealed class ClusterEvaluationTests(ClusterFixture fixture) : IClassFixture<ClusterFixture>, IDisposable
{
    private readonly TempFolder _folder = new("workbench-cluster-run-");
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task A_real_evaluation_runs_on_two_silos_with_every_call_serialised()
    {
        WriteQuestions(40);
        WriteSpec("spec.yaml", "");

        var outcome = await RunAsync("spec.yaml", new RunOptions());

        Assert.Equal((RunStatus.Completed, 80L), (outcome.Status, outcome.Summary!.Cells));
        var lines = ResultLines(outcome);
        Assert.Equal(Enumerable.Range(0, 40).SelectMany(i => new[] { $"q{i}/plain", $"q{i}/with-answer" }), lines.Select(l => $"{l["row_id"]}/{l["prompt_id"]}"));
        Assert.Equal(1.0, outcome.Summary.Variants.Single(v => v.Prompt == "with-answer").Scores.Single(s => s.Scorer == "has_answer").Mean);
        // The run and its shard are grains of the cluster, reachable from any silo and from the client.
        var progress = await fixture.Cluster.Client.GetGrain<IEvaluationRunGrain>(outcome.RunId).GetProgressAsync(0, _ct);
        Assert.Equal((RunStatus.Completed, true, 40L), (progress.Status, progress.Finished, progress.TotalRows));
    }

    [Fact]
    public async Task A_resume_in_a_long_lived_silo_gets_a_fresh_plan_and_the_same_row_numbers()
    {
        WriteQuestions(30);
        WriteSpec("spec.yaml", "budget: {max_calls: 20}");

        var stopped = await RunAsync("spec.yaml", new RunOptions());
        Assert.Equal(RunStatus.BudgetExhausted, stopped.Status);
        // Committed cells account for at most the cap; calls of rows cut short by it are not committed.
        var (callsBefore, _) = await fixture.Runs.SpentAsync(stopped.RunId, _ct);
        Assert.InRange(callsBefore, 1, 20);

        // The same run resumed with a larger budget on the same silos: a shard that kept the first start's
        // plan would still see the old cap and stop again; a run grain that kept counting rows would queue
        // the dataset a second time under new numbers.
        WriteSpec("spec.yaml", "budget: {max_calls: 1000}");
        var resumed = await RunAsync("spec.yaml", new RunOptions(Resume: stopped.RunId));

        Assert.Equal((RunStatus.Completed, 60L), (resumed.Status, resumed.Summary!.Cells));
        Assert.Equal(30, resumed.Summary.Rows);
        var lines = ResultLines(resumed);
        Assert.Equal(60, lines.Select(l => $"{l["row_id"]}/{l["prompt_id"]}").Distinct().Count());
        var (calls, _) = await fixture.Runs.SpentAsync(stopped.RunId, _ct);
        Assert.Equal(60, calls);

        // A new run of the same spec, in the same silos, numbers its rows from the start too.
        var again = await RunAsync("spec.yaml", new RunOptions());
        Assert.Equal((RunStatus.Completed, 60L), (again.Status, again.Summary!.Cells));
        Assert.Equal(ResultLines(resumed).Select(l => (string)l["row_id"]!), ResultLines(again).Select(l => (string)l["row_id"]!));
        Assert.Equal(29, await fixture.Runs.FinishedBeforeAsync(again.RunId, 0, _ct) - 1);
    }

    [Fact]
    public async Task An_ab_run_on_the_cluster_stops_once_decided()
    {
        await using var server = await OpenAICompatibleServer.StartAsync(OpenAICompatibleServer.LastMessage);
        server.Latency = TimeSpan.FromMilliseconds(10);
        var random = new Random(3);
        _folder.Write("ab.jsonl", string.Concat(Enumerable.Range(0, 1_500).Select(i =>
            $"{{\"id\": \"r{i}\", \"a\": \"{(random.NextDouble() < 0.5 ? "yes" : "no")}\", \"b\": \"{(random.NextDouble() < 0.85 ? "yes" : "no")}\", \"answer\": \"yes\"}}\n")));
        _folder.Write("ab.yaml", $$$"""
            name: cluster-ab
            dataset: ab.jsonl
            prompts: [{id: a, template: "{{a}}"}, {id: b, template: "{{b}}"}]
            endpoints:
              - {id: model, type: openai, model: m, base_url: {{{server.BaseUrl}}}, max_concurrency: 8, retries: 0}
            scorers:
              - exact_match: {reference_field: answer}
            stop: {when: decided, alpha: 0.05}
            """);

        // Submitted through the cluster's client with the dataset queued from here, as `eval --postgres` does.
        var outcome = await RunAsync("ab.yaml", new RunOptions(NoCache: true, OnCluster: true));

        Assert.Equal(RunStatus.Decided, outcome.Status);
        Assert.True(Assert.Single(outcome.Summary!.Sequential!).Decided);
        Assert.InRange(server.Requests, 60, 1_500);
    }

    [Fact]
    public async Task A_shard_started_again_stops_the_work_of_its_earlier_start()
    {
        WriteQuestions(5);
        WriteSpec("spec.yaml", "");
        var first = await RunAsync("spec.yaml", new RunOptions());

        // A start for a stale epoch is reported back and ignored by the run, whose state stays completed.
        var shard = fixture.Cluster.Client.GetGrain<IRunShardGrain>($"{first.RunId}/0");
        var outcome = await shard.EnsureWorkingAsync(new RunSubmission(first.RunId, Path.Combine(_folder.Root, "spec.yaml"), File.ReadAllText(Path.Combine(_folder.Root, "spec.yaml")), true, false), 0, 1, false, _ct);
        var progress = await fixture.Cluster.Client.GetGrain<IEvaluationRunGrain>(first.RunId).GetProgressAsync(0, _ct);

        Assert.Null(outcome);
        Assert.Equal((RunStatus.Completed, true), (progress.Status, progress.Finished));
    }

    private async Task<RunOutcome> RunAsync(string spec, RunOptions options)
    {
        var parsed = SpecParser.ParseFile(Path.Combine(_folder.Root, spec));
        var output = _folder.PathOf(Path.Combine("out", Guid.NewGuid().ToString("n")));
        return await fixture.Runner().RunAsync(parsed, options with { OutputFolder = output }, new EvalHarness.RecordingProgress(_ => { }), _ct)
            .Within($"the run of {spec} on the cluster", TimeSpan.FromMinutes(1));
    }

    private static List<JsonNode> ResultLines(RunOutcome outcome) =>
        [.. File.ReadAllLines(Path.Combine(outcome.OutputFolder!, "results.jsonl")).Select(l => JsonNode.Parse(l)!)];

    private void WriteQuestions(int count) =>
        _folder.Write("data.jsonl", string.Concat(Enumerable.Range(0, count).Select(i => $"{{\"id\": \"q{i}\", \"question\": \"what is {i}\", \"answer\": \"{i}\"}}\n")));

    private void WriteSpec(string file, string extra) => _folder.Write(file, $$$"""
        name: cluster-qa
        dataset: data.jsonl
        prompts:
          - id: plain
            template: "{{question}}"
          - id: with-answer
            template: "{{question}} -> {{answer}}"
        endpoints:
          - id: echo
            type: echo
        scorers:
          - contains: {id: has_answer, reference_field: answer}
        {{{extra}}}
        """);
}
