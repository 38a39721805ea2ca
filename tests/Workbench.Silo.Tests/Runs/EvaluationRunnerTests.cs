using System.Text.Json.Nodes;
using Workbench.Evaluation.Specs;
using Workbench.Grains.Runs;
using Workbench.Silo.Runs;

namespace Workbench.Silo.Tests.Runs;

public sealed class EvaluationRunnerTests : IAsyncDisposable
{
    private readonly EvalHarness _harness = new();

    public ValueTask DisposeAsync() => _harness.DisposeAsync();

    private const string EchoSpec = """
        name: echo-qa
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
          - exact_match: {reference_field: answer}
        """;

    [Fact]
    public async Task A_run_writes_every_cell_with_results_summary_and_report()
    {
        _harness.WriteQuestions(10);
        _harness.Write("spec.yaml", EchoSpec);

        var (outcome, progress) = await _harness.RunAsync("spec.yaml");

        Assert.Equal((RunStatus.Completed, 0), (outcome.Status, outcome.ExitCode));
        Assert.Equal((20, 20), (progress.Total, progress.Cells));
        var lines = File.ReadAllLines(Path.Combine(outcome.OutputFolder!, "results.jsonl")).Select(l => JsonNode.Parse(l)!.AsObject()).ToList();
        Assert.Equal(20, lines.Count);
        var first = lines[0];
        foreach (var field in new[] { "run_id", "row_id", "prompt_id", "prompt_hash", "endpoint_id", "repeat", "output", "scores", "latency_ms", "input_tokens", "output_tokens", "cost", "cached", "error" })
        {
            Assert.True(first.ContainsKey(field), $"results.jsonl has no `{field}`");
        }
        Assert.Equal(("q0", "plain", "what is 0"), (first["row_id"]!.GetValue<string>(), first["prompt_id"]!.GetValue<string>(), first["output"]!.GetValue<string>()));

        // The echoed "what is 7" contains the answer 7; "what is 3 -> 3" too; no echo equals a bare answer.
        var summary = outcome.Summary!;
        var plain = summary.Variants.Single(v => v.Prompt == "plain");
        var withAnswer = summary.Variants.Single(v => v.Prompt == "with-answer");
        var hasAnswer = plain.Scores.Single(s => s.Scorer == "has_answer");
        Assert.Equal(1.0, hasAnswer.Mean);
        // 0/1 scores get the Wilson interval: 10 of 10 gives [n / (n + z²), 1] = [10 / 13.8415, 1] = [0.7225, 1].
        Assert.Equal(0.7225, hasAnswer.Low!.Value, 4);
        Assert.Equal(1.0, hasAnswer.High!.Value, 9);
        Assert.Equal(0.0, withAnswer.Scores.Single(s => s.Scorer == "exact_match").Mean);
        Assert.Equal(10, plain.Cells);
        var json = JsonNode.Parse(File.ReadAllText(Path.Combine(outcome.OutputFolder!, "summary.json")))!;
        Assert.Equal(2, json["variants"]!.AsArray().Count);
        var report = File.ReadAllText(Path.Combine(outcome.OutputFolder!, "report.html"));
        Assert.Contains("plain × echo", report);
        Assert.Contains("what is 9 -&gt; 9", report);
    }

    [Fact]
    public async Task A_budget_stops_the_run_cleanly_and_a_resume_repeats_no_completed_model_call()
    {
        await using var server = await OpenAICompatibleServer.StartAsync();
        _harness.WriteQuestions(12);
        var spec = $$$"""
            name: budgeted
            dataset: data.jsonl
            prompts:
              - id: a
                template: "{{question}}"
              - id: b
                template: "Q: {{question}}"
            endpoints:
              - id: model
                type: openai
                model: test-model
                base_url: {{{server.BaseUrl}}}
                max_concurrency: 4
                retries: 0
            repeats: 2
            scorers:
              - contains: {reference_field: answer}
            budget: {max_calls: 15}
            """;
        _harness.Write("spec.yaml", spec);

        var (first, _) = await _harness.RunAsync("spec.yaml");

        Assert.Equal((RunStatus.BudgetExhausted, 3), (first.Status, first.ExitCode));
        Assert.Equal(15, server.Requests);
        Assert.True(first.Summary!.Cells < 48);

        _harness.Write("spec.yaml", spec.Replace("budget: {max_calls: 15}", "budget: {max_calls: 1000}", StringComparison.Ordinal));
        var (resumed, progress) = await _harness.RunAsync("spec.yaml", new RunOptions(Resume: "last"));

        Assert.Equal((RunStatus.Completed, 0), (resumed.Status, resumed.ExitCode));
        Assert.Equal(first.RunId, resumed.RunId);
        Assert.Equal(first.Summary.Cells, progress.DoneBefore);
        Assert.Equal(48, resumed.Summary!.Cells);
        // 12 rows × 2 prompts × 2 repeats: every cell needed exactly one model call, across both invocations.
        Assert.Equal(48, server.Requests);
        var cells = File.ReadAllLines(Path.Combine(resumed.OutputFolder!, "results.jsonl")).Select(l => JsonNode.Parse(l)!).ToList();
        Assert.Equal(48, cells.Select(c => $"{c["row_id"]}/{c["prompt_id"]}/{c["repeat"]}").Distinct().Count());
    }

    [Fact]
    public async Task An_interrupted_run_leaves_a_resumable_queue()
    {
        _harness.WriteQuestions(300);
        // Calls that take a while, so the run is still going when the first cells are committed.
        _harness.Write("spec.yaml", EchoSpec.Replace("type: echo", "type: simulated\n    latency: 20ms\n    max_concurrency: 8", StringComparison.Ordinal));

        var (interrupted, _) = await _harness.RunAsync("spec.yaml", onProgress: (progress, cancellation) => cancellation.Cancel());

        Assert.Equal((RunStatus.Interrupted, 3), (interrupted.Status, interrupted.ExitCode));
        Assert.InRange(interrupted.Summary!.Cells, 1, 599);

        var (resumed, progress) = await _harness.RunAsync("spec.yaml", new RunOptions(Resume: interrupted.RunId));

        Assert.Equal(RunStatus.Completed, resumed.Status);
        Assert.Equal(interrupted.Summary.Cells, progress.DoneBefore);
        Assert.Equal(600, resumed.Summary!.Cells);
    }

    [Fact]
    public async Task A_resume_of_a_changed_spec_or_dataset_or_an_unknown_run_is_refused()
    {
        _harness.WriteQuestions(2);
        _harness.Write("spec.yaml", EchoSpec);
        var (first, _) = await _harness.RunAsync("spec.yaml");

        // Same path, other content: the hash covers the dataset's bytes, not its name.
        _harness.WriteQuestions(3);
        var dataset = await Assert.ThrowsAsync<SpecException>(() => _harness.RunAsync("spec.yaml", new RunOptions(Resume: first.RunId)));
        Assert.Contains("the spec or its dataset has changed since run", dataset.Message);
        _harness.WriteQuestions(2);
        var (resumed, _) = await _harness.RunAsync("spec.yaml", new RunOptions(Resume: first.RunId));
        Assert.Equal((RunStatus.Completed, first.Summary!.Cells), (resumed.Status, resumed.Summary!.Cells));

        var unknown = await Assert.ThrowsAsync<SpecException>(() => _harness.RunAsync("spec.yaml", new RunOptions(Resume: "no-such-run")));
        Assert.Contains("there is no run `no-such-run`", unknown.Message);

        _harness.Write("spec.yaml", EchoSpec.Replace("{{question}} -> {{answer}}", "{{answer}} <- {{question}}", StringComparison.Ordinal));
        var changed = await Assert.ThrowsAsync<SpecException>(() => _harness.RunAsync("spec.yaml", new RunOptions(Resume: first.RunId)));
        Assert.Contains("the spec or its dataset has changed since run", changed.Message);
    }

    [Fact]
    public async Task A_dry_run_counts_the_matrix_and_estimates_without_calling_or_writing()
    {
        await using var server = await OpenAICompatibleServer.StartAsync();
        _harness.WriteQuestions(5);
        _harness.Write("spec.yaml", $$$"""
            name: dry
            dataset: data.jsonl
            prompts:
              - id: a
                template: "{{question}}"
            endpoints:
              - id: model
                type: openai
                model: m
                base_url: {{{server.BaseUrl}}}
                params: {max_tokens: 100}
                price: {input: 1.0, output: 2.0}
            repeats: 3
            """);

        var (outcome, progress) = await _harness.RunAsync("spec.yaml", new RunOptions(DryRun: true));

        Assert.Equal(0, server.Requests);
        Assert.Null(outcome.Summary);
        var note = Assert.Single(progress.Notes);
        Assert.Contains("5 rows × 3 variants = 15 cells", note);
        // "what is N" renders to 9 characters: (9 + 3) / 4 = 3 tokens plus 4 for the message, 7 a call, 15 calls = 105.
        // Output: max_tokens 100 × 15 calls = 1,500. Cost: 105 × 1.0 / 1000 + 1,500 × 2.0 / 1000 = 3.105.
        Assert.Contains("~105 input tokens, ~1,500 output tokens (max_tokens), ~3.105 cost", note);
    }

    [Fact]
    public async Task A_row_missing_a_template_variable_is_bad_input_naming_file_and_line_unless_skipped()
    {
        _harness.Write("data.jsonl", """
            {"id": "q0", "question": "what is 0", "answer": "0"}
            {"id": "q1", "answer": "1"}
            {"id": "q2", "question": "what is 2", "answer": "2"}
            """);
        _harness.Write("spec.yaml", EchoSpec);

        var error = await Assert.ThrowsAsync<SpecException>(() => _harness.RunAsync("spec.yaml"));
        var only = Assert.Single(error.Errors);
        Assert.Equal(("data.jsonl", 2L), (only.File, only.Line));
        Assert.Contains("no field `question`", only.Message);

        var (outcome, progress) = await _harness.RunAsync("spec.yaml", new RunOptions(SkipBadRows: true));
        Assert.Equal(RunStatus.Completed, outcome.Status);
        _harness.Write("empty.jsonl", "");
        _harness.Write("empty.yaml", EchoSpec.Replace("data.jsonl", "empty.jsonl", StringComparison.Ordinal));
        var empty = await Assert.ThrowsAsync<SpecException>(() => _harness.RunAsync("empty.yaml"));
        Assert.Contains("the dataset has no rows", empty.Message);
        Assert.Equal(4, outcome.Summary!.Cells);
        Assert.Contains(progress.Notes, n => n.Contains("data.jsonl:2") && n.Contains("no field `question`"));
    }

    [Fact]
    public async Task An_endpoint_that_fails_for_good_opens_its_circuit_and_the_run_ends_with_a_clear_error()
    {
        _harness.WriteQuestions(200);
        _harness.Write("spec.yaml", """
            name: broken
            dataset: data.jsonl
            prompts:
              - id: a
                template: "{{question}}"
            endpoints:
              - id: down
                type: simulated
                error_500: 1
                retries: 0
            """);

        var (outcome, _) = await _harness.RunAsync("spec.yaml");

        Assert.Equal((RunStatus.Failed, 1), (outcome.Status, outcome.ExitCode));
        Assert.Contains("endpoint `down` failed 5 times in a row", outcome.Error);
        Assert.True(outcome.Summary!.Cells < 200);
    }

    [Fact]
    public async Task A_judge_grades_with_a_rubric_and_an_unreadable_verdict_is_an_error_not_a_zero()
    {
        await using var server = await OpenAICompatibleServer.StartAsync(body =>
            OpenAICompatibleServer.LastMessage(body).Contains("what is 1", StringComparison.Ordinal) ? "I cannot decide." : "SCORE: 4\nRATIONALE: Close enough.");
        _harness.WriteQuestions(3);
        _harness.Write("spec.yaml", $$$"""
            name: judged
            dataset: data.jsonl
            prompts:
              - id: a
                template: "{{question}}"
            endpoints:
              - id: echo
                type: echo
              - id: grader
                type: openai
                role: judge
                model: judge-model
                base_url: {{{server.BaseUrl}}}
                price: {input: 1.0, output: 1.0}
            scorers:
              - judge: {endpoint: grader, rubric: "Does the output ask a question?"}
            """);

        var (outcome, _) = await _harness.RunAsync("spec.yaml");

        var variant = Assert.Single(outcome.Summary!.Variants);
        var judge = Assert.Single(variant.Scores);
        // Scale 1–5: a 4 is (4 − 1) / (5 − 1) = 0.75 on the 0–1 scale.
        Assert.Equal((2L, 0.75, 1L), (judge.Count, judge.Mean!.Value, judge.Errors));
        Assert.Equal(1, variant.Errors);
        Assert.Equal(1, outcome.ExitCode);
        var lines = File.ReadAllLines(Path.Combine(outcome.OutputFolder!, "results.jsonl")).Select(l => JsonNode.Parse(l)!).ToList();
        Assert.Contains(lines, l => l["scores"]!["judge"]!["rationale"]?.GetValue<string>() == "Close enough.");
        Assert.Contains(lines, l => l["scores"]!["judge"]!["error"]?.GetValue<string>().Contains("no readable score") == true);
        Assert.Equal(3, server.Requests);
        // The echo calls are free; the three judge calls are priced, and their cost is the cells' cost.
        Assert.True(variant.Cost > 0, $"cost {variant.Cost}");
    }

    [Fact]
    public async Task A_second_run_of_the_same_spec_is_answered_from_the_cache_unless_the_cache_is_off()
    {
        await using var server = await OpenAICompatibleServer.StartAsync();
        _harness.WriteQuestions(6);
        _harness.Write("spec.yaml", $$$"""
            name: cached
            dataset: data.jsonl
            prompts: [{id: a, template: "{{question}}"}]
            endpoints: [{id: model, type: openai, model: m, base_url: "{{{server.BaseUrl}}}", params: {temperature: 0.7}}]
            repeats: 2
            """);

        var (first, _) = await _harness.RunAsync("spec.yaml");
        var (second, _) = await _harness.RunAsync("spec.yaml");

        // 6 rows × 2 repeats: the repeats are different samples, so 12 calls; the second run makes none.
        Assert.Equal(12, server.Requests);
        Assert.NotEqual(first.RunId, second.RunId);
        Assert.All(File.ReadAllLines(Path.Combine(second.OutputFolder!, "results.jsonl")), line => Assert.True(JsonNode.Parse(line)!["cached"]!.GetValue<bool>()));
        Assert.Equal(0m, second.Summary!.Variants[0].Cost);

        await _harness.RunAsync("spec.yaml", new RunOptions(NoCache: true));
        Assert.Equal(24, server.Requests);
    }

    [Fact]
    public async Task A_replay_endpoint_scores_stored_outputs_and_a_missing_one_is_a_cell_error()
    {
        _harness.WriteQuestions(3);
        _harness.Write("outputs.jsonl", """
            {"id": "q0", "prompt": "a", "output": "0"}
            {"id": "q1", "output": "one"}
            """);
        _harness.Write("spec.yaml", """
            name: replayed
            dataset: data.jsonl
            prompts: [{id: a, template: "{{question}}"}]
            endpoints: [{id: stored, type: replay, file: outputs.jsonl}]
            scorers: [{exact_match: {reference_field: answer}}]
            """);

        var (outcome, _) = await _harness.RunAsync("spec.yaml");

        var cells = File.ReadAllLines(Path.Combine(outcome.OutputFolder!, "results.jsonl")).Select(l => JsonNode.Parse(l)!).ToList();
        Assert.Equal(("0", 1.0), (cells[0]["output"]!.GetValue<string>(), cells[0]["scores"]!["exact_match"]!["value"]!.GetValue<double>()));
        Assert.Equal(("one", 0.0), (cells[1]["output"]!.GetValue<string>(), cells[1]["scores"]!["exact_match"]!["value"]!.GetValue<double>()));
        Assert.Contains("has no output for row `q2` and prompt `a`", cells[2]["error"]!.GetValue<string>());
        Assert.Equal(1, outcome.ExitCode);
        // One cell passed, one failed its threshold, one has no output: a pass rate of 1/3, not 1/2.
        Assert.Equal(1.0 / 3, outcome.Summary!.Variants[0].PassRate!.Value, 9);
    }

    [Fact]
    public async Task An_output_a_metric_cannot_score_is_an_error_for_that_cell_and_block_templates_do_not_make_fields_required()
    {
        _harness.Write("data.jsonl", """
            {"id": "a", "question": "q?", "answers": ["yes"], "tags": ["x", "y"]}
            {"id": "b", "question": "q?", "answers": [""]}
            """);
        _harness.Write("spec.yaml", """
            name: odd
            dataset: data.jsonl
            prompts:
              - id: p
                template: "{{question}} {{#each tags}}[{{this}}]{{/each}} {{#if hint}}{{hint}}{{/if}}"
            endpoints: [{id: echo, type: echo}]
            scorers:
              - chrf: {reference_field: answers}
              - rougeL: {reference_field: answers}
            """);

        var (outcome, _) = await _harness.RunAsync("spec.yaml");

        Assert.Equal(RunStatus.Completed, outcome.Status);
        Assert.Equal(2, outcome.Summary!.Cells);
        var cells = File.ReadAllLines(Path.Combine(outcome.OutputFolder!, "results.jsonl")).Select(l => JsonNode.Parse(l)!).ToList();
        Assert.Equal("q? [x][y] ", cells[0]["output"]!.GetValue<string>());
        Assert.NotNull(cells[1]["scores"]!["chrf"]!["error"]);
        Assert.Equal(1, outcome.Summary.Variants[0].Scores.Single(s => s.Scorer == "chrf").Errors);
    }
}
