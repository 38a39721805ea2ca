using System.Text.Json;

namespace Workbench.Cli.Tests;

/// <summary>The A/B commands end to end through the CLI: prompt registry, experiments, compare, rescore and stats.</summary>
public sealed class AbCommandTests : IDisposable
{
    private readonly WorkbenchProcess _cli = new();

    public void Dispose() => _cli.Dispose();

    /// <summary>Rows where the echo endpoint's answer (the prompt text) is right for a share of them: a "good" and a "weak" field.</summary>
    private void WriteRows(int count)
    {
        var random = new Random(5);
        _cli.Write("data.jsonl", string.Concat(Enumerable.Range(0, count).Select(i =>
            $"{{\"id\": \"r{i}\", \"good\": \"{(random.NextDouble() < 0.9 ? "yes" : "no")}\", \"weak\": \"{(random.NextDouble() < 0.4 ? "yes" : "no")}\", \"answer\": \"yes\"}}\n")));
    }

    [Fact]
    public async Task Registry_prompts_experiments_and_run_comparisons_work_together()
    {
        WriteRows(120);
        _cli.Write("weak.txt", "{{weak}}");
        _cli.Write("good.yaml", "template: \"{{good}}\"\n");
        var (exit, output, error) = await _cli.RunAsync("prompt", "push", "answer", "weak.txt", "--label", "production");
        Assert.True(exit == 0, error);
        Assert.Contains("answer@v1", output);
        (exit, output, error) = await _cli.RunAsync("prompt", "push", "answer", "good.yaml", "--label", "candidate");
        Assert.True(exit == 0, error);
        Assert.Contains("answer@v2", output);
        (exit, output, _) = await _cli.RunAsync("prompt", "diff", "answer", "production", "candidate");
        Assert.Equal(0, exit);
        Assert.Contains("- {{weak}}", output);
        Assert.Contains("+ {{good}}", output);

        _cli.Write("spec.yaml", """
            name: registry-ab
            experiment: answers
            dataset: data.jsonl
            prompts:
              - id: p
                prompt: answer@production
            endpoints: [{id: echo, type: echo}]
            scorers:
              - exact_match: {reference_field: answer}
            """);
        (exit, output, error) = await _cli.RunAsync("eval", "spec.yaml");
        Assert.True(exit == 0, error);
        var first = RunId(output);
        (exit, _, error) = await _cli.RunAsync("prompt", "label", "answer@v2", "production");
        Assert.True(exit == 0, error);
        (exit, output, error) = await _cli.RunAsync("eval", "spec.yaml");
        Assert.True(exit == 0, error);
        var second = RunId(output);

        (exit, output, error) = await _cli.RunAsync("experiment", "show", "answers");
        Assert.True(exit == 0, error);
        Assert.Contains($"{first} (baseline)", output);
        Assert.Contains(second, output);

        (exit, output, error) = await _cli.RunAsync("compare", first, second, "--json");
        Assert.True(exit == 0, error);
        var comparison = JsonDocument.Parse(output).RootElement.GetProperty("comparisons")[0];
        Assert.Equal(120, comparison.GetProperty("rows").GetInt32());
        Assert.Equal("mcnemar-exact", comparison.GetProperty("test").GetString());
        Assert.True(comparison.GetProperty("difference").GetDouble() > 0.3);
        Assert.True(comparison.GetProperty("p_holm").GetDouble() < 0.001);

        var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(_cli.Folder, "runs", second, "summary.json"))).RootElement;
        var prompt = summary.GetProperty("provenance").GetProperty("prompts")[0];
        Assert.Equal("answer@production", prompt.GetProperty("reference").GetString());
        Assert.Equal(summary.GetProperty("variants")[0].GetProperty("prompt_hash").GetString(), prompt.GetProperty("hash").GetString());
    }

    [Fact]
    public async Task Rescore_scores_stored_outputs_again_into_a_linked_view_without_model_calls()
    {
        WriteRows(30);
        _cli.Write("spec.yaml", """
            name: rescore
            dataset: data.jsonl
            prompts: [{id: good, template: "{{good}}"}, {id: weak, template: "{{weak}}"}]
            endpoints: [{id: echo, type: echo}]
            scorers: [{contains: {reference_field: answer}}]
            """);
        var (exit, output, error) = await _cli.RunAsync("eval", "spec.yaml");
        Assert.True(exit == 0, error);
        var run = RunId(output);

        (exit, output, error) = await _cli.RunAsync("rescore", run, "--scorers", "[exact_match: {reference_field: answer}]", "--out", "view");

        Assert.True(exit == 0, error);
        Assert.Contains("60 cells", output);
        var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(_cli.Folder, "view", "summary.json"))).RootElement;
        Assert.Equal(run, summary.GetProperty("source_run").GetString());
        var lines = File.ReadAllLines(Path.Combine(_cli.Folder, "view", "results.jsonl")).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(60, lines.Count);
        Assert.All(lines, l => Assert.True(l.GetProperty("scores").TryGetProperty("exact_match", out _)));
        Assert.All(lines, l => Assert.Equal(l.GetProperty("output").GetString() == "yes" ? 1 : 0, l.GetProperty("scores").GetProperty("exact_match").GetProperty("value").GetInt32()));

        // A run's results.jsonl holds both variants: stats compare refuses to average them as repeats.
        (exit, _, error) = await _cli.RunAsync("stats", "compare", $"runs/{run}/results.jsonl", $"runs/{run}/results.jsonl", "--metric", "contains");
        Assert.Equal(2, exit);
        Assert.Contains("more than one variant", error);

        (exit, _, error) = await _cli.RunAsync("rescore", run, "--scorers", "[judge: {endpoint: j, rubric: ok}]");
        Assert.Equal(2, exit);
        Assert.Contains("re-scoring calls none", error);
    }

    [Fact]
    public async Task Stats_commands_print_one_json_object_and_name_bad_input()
    {
        var (exit, output, error) = await _cli.RunAsync("stats", "binomtest", "--successes", "3", "--n", "15", "--p", "0.1", "--alternative", "greater");
        Assert.True(exit == 0, error);
        // SciPy's binomtest documentation: binomtest(3, n=15, p=0.1, alternative='greater').pvalue = 0.18406106910639106.
        Assert.Equal(0.18406106910639106, JsonDocument.Parse(output).RootElement.GetProperty("p_value").GetDouble(), 1e-12);

        (exit, output, error) = await _cli.RunAsync("stats", "ci", "--method", "wilson", "--successes", "18", "--n", "20");
        Assert.True(exit == 0, error);
        // R binom.confint(18, 20, methods = "wilson"), as published in statsmodels' test results.
        Assert.Equal(0.6989663547715128, JsonDocument.Parse(output).RootElement.GetProperty("low").GetDouble(), 1e-12);

        // n = ((z.975 + z.8) σ / δ)² = ((1.959964 + 0.841621) × 1 / 0.5)² = 31.4, so 32 rows.
        (exit, output, error) = await _cli.RunAsync("stats", "power", "--sd", "1", "--effect", "0.5");
        Assert.True(exit == 0, error);
        Assert.Equal(32, JsonDocument.Parse(output).RootElement.GetProperty("rows_needed").GetInt64());

        // No spread in the differences: t is undefined, and says so as null, as SciPy's nan.
        _cli.Write("same.txt", "1\n2\n4\n");
        (exit, output, error) = await _cli.RunAsync("stats", "ttest", "same.txt", "same.txt", "--paired");
        Assert.True(exit == 0, error);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, JsonDocument.Parse(output).RootElement.GetProperty("p_value").ValueKind);

        _cli.Write("a.txt", "1\n2\nthree\n");
        _cli.Write("b.txt", "1 2 3\n");
        (exit, _, error) = await _cli.RunAsync("stats", "ttest", "a.txt", "b.txt");
        Assert.Equal(2, exit);
        Assert.Contains("a.txt:3: `three` is not a number", error);
    }

    private static string RunId(string output) =>
        output.Split('\n').Select(l => l.Trim()).First(l => l.StartsWith("run ", StringComparison.Ordinal) && l.Contains("completed", StringComparison.Ordinal)).Split(' ', ':')[1];
}
