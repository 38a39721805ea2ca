using Workbench.Evaluation.Specs;

namespace Workbench.Evaluation.Tests.Specs;

public sealed class SpecParserTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private EvalSpec Parse(string yaml) => SpecParser.ParseFile(_folder.Write("spec.yaml", yaml));

    private SpecException Fails(string yaml) => Assert.Throws<SpecException>(() => Parse(yaml));

    [Fact]
    public void A_full_spec_parses_into_the_matrix_it_describes()
    {
        _folder.Write("prompts/qa.hbs", "Context: {{context}}\nQuestion: {{question}}");
        var spec = Parse("""
            name: squad-qa
            dataset: {path: data/squad.jsonl, id_field: qid, limit: 10}
            prompts:
              - id: short
                system: You answer in a few words.
                template: "Q: {{question}}"
              - id: from-file
                file: prompts/qa.hbs
              - id: chat
                messages:
                  - role: system
                    content: Be brief.
                  - role: user
                    content: "{{question}}"
            endpoints:
              - id: gpt
                type: openai
                model: gpt-4o-mini
                base_url: http://127.0.0.1:8080/v1
                api_key_env: OPENAI_API_KEY
                params: {temperature: 0, max_tokens: 64}
                max_concurrency: 8
                rpm: 600
                tpm: 100000
                timeout: 20s
                retries: 2
                price: {input: 0.15, output: 0.6}
              - id: echo
                type: echo
            repeats: 3
            scorers:
              - exact_match: {reference_field: answers}
              - f1: {reference_field: answers, threshold: 0.8}
              - bleu: {id: bleu13a, reference_field: answers, tokenize: 13a, smooth_method: exp}
              - contains: {value: "plus"}
              - latency
            budget: {max_calls: 1000, max_cost: 2.5}
            """);

        Assert.Equal("squad-qa", spec.Name);
        Assert.Equal(Path.Combine(_folder.Root, "data", "squad.jsonl"), spec.Dataset.Path);
        Assert.Equal(("qid", 10L, DatasetFormat.Jsonl), (spec.Dataset.IdField, spec.Dataset.Limit!.Value, spec.Dataset.Format));
        Assert.Equal(["short", "from-file", "chat"], spec.Prompts.Select(p => p.Id));
        Assert.Equal(["system", "user"], spec.Prompts[0].Messages.Select(m => m.Role));
        Assert.Contains("Context: {{context}}", spec.Prompts[1].Messages[0].Template);
        Assert.Equal(12, spec.Prompts[0].VersionHash.Length);
        Assert.NotEqual(spec.Prompts[0].VersionHash, spec.Prompts[2].VersionHash);
        var gpt = spec.Endpoints[0];
        Assert.Equal(("openai", "gpt-4o-mini", 8, 600, 100000), (gpt.Type, gpt.Model, gpt.MaxConcurrency, gpt.RequestsPerMinute!.Value, gpt.TokensPerMinute!.Value));
        Assert.Equal((TimeSpan.FromSeconds(20), 2, "OPENAI_API_KEY"), (gpt.Timeout, gpt.Retries, gpt.ApiKeyEnvironmentVariable));
        Assert.Equal(new Price(0.15m, 0.6m), gpt.Price);
        Assert.Equal("http://127.0.0.1:8080/v1", gpt.Options["base_url"].Scalar);
        Assert.Equal(0, gpt.Parameters["temperature"].AsNumber());
        Assert.Equal(3, spec.Repeats);
        Assert.Equal(3 * 2 * 3, spec.CellsPerRow);
        Assert.Equal(["exact_match", "f1", "bleu13a", "contains", "latency"], spec.Scorers.Select(s => s.Id));
        Assert.Equal(0.8, spec.Scorers[1].Threshold);
        Assert.Equal("13a", spec.Scorers[2].Parameters["tokenize"].Scalar);
        Assert.Equal(new BudgetSpec(1000, 2.5m), spec.Budget);
    }

    [Fact]
    public void Retrieval_gives_each_row_documents_from_an_index_and_bad_settings_are_errors_with_their_line()
    {
        var spec = Parse("""
            name: rag
            dataset: data.jsonl
            retrieval: {index: cranfield, query: "{{question}}", k: 3, mode: hybrid}
            prompts: [{id: a, template: "{{context}} {{question}}"}]
            endpoints: [{id: e, type: echo}]
            scorers:
              - context_recall: {reference_field: gold}
            """);
        Assert.Equal(new RetrievalSpec("cranfield", "{{question}}", 3, "hybrid", 3), spec.Retrieval);
        Assert.Equal(5, Parse("""
            name: rag
            dataset: data.jsonl
            retrieval: {index: docs, query: "{{q}}"}
            prompts: [{id: a, template: "{{context}}"}]
            endpoints: [{id: e, type: echo}]
            """).Retrieval!.K);

        var error = Fails("""
            name: rag
            dataset: data.jsonl
            retrieval: {index: "my index", query: "{{#each items}}", k: 500, mode: semantic, top: 3}
            prompts: [{id: a, template: "{{context}}"}]
            endpoints: [{id: e, type: echo}]
            """);
        Assert.Contains(error.Errors, e => e.Line == 3 && e.Message.Contains("`retrieval.index`", StringComparison.Ordinal));
        Assert.Contains(error.Errors, e => e.Line == 3 && e.Message.Contains("`retrieval.query` is not a valid template", StringComparison.Ordinal));
        Assert.Contains(error.Errors, e => e.Line == 3 && e.Message.Contains("from 1 to 100", StringComparison.Ordinal));
        Assert.Contains(error.Errors, e => e.Line == 3 && e.Message.Contains("bm25, dense, hybrid", StringComparison.Ordinal));
        Assert.Contains(error.Errors, e => e.Message.Contains("unknown key `top`", StringComparison.Ordinal));

        var orphan = Fails("""
            name: rag
            dataset: data.jsonl
            prompts: [{id: a, template: "{{q}}"}]
            endpoints: [{id: e, type: echo}, {id: j, type: echo, role: judge}]
            scorers:
              - faithfulness: {endpoint: j}
            """);
        Assert.Contains(orphan.Errors, e => e.Message.Contains("has no `retrieval`", StringComparison.Ordinal));
    }

    [Fact]
    public void Unknown_keys_are_errors_with_their_line_and_a_suggestion()
    {
        var error = Fails("""
            name: x
            dataset: data.jsonl
            prompts:
              - id: a
                template: "{{q}}"
            endpoints:
              - id: e
                type: echo
                max_concurency: 4
            repeat: 2
            """);

        Assert.Contains(error.Errors, e => e.Line == 9 && e.Message.Contains("unknown key `max_concurency`") && e.Message.Contains("Did you mean `max_concurrency`?"));
        Assert.Contains(error.Errors, e => e.Line == 10 && e.Message.Contains("Did you mean `repeats`?"));
        Assert.All(error.Errors, e => Assert.EndsWith("spec.yaml", e.File));
    }

    [Fact]
    public void Limits_hold_for_the_cluster_unless_the_endpoint_says_each_silo_has_its_own_server()
    {
        var spec = Parse("""
            name: x
            dataset: data.jsonl
            prompts: [{id: a, template: "{{q}}"}]
            endpoints:
              - {id: shared, type: simulated, latency: 10ms}
              - {id: local, type: simulated, latency: 10ms, limit_scope: silo}
            """);
        Assert.Equal([LimitScope.Cluster, LimitScope.Silo], spec.Endpoints.Select(e => e.LimitScope));

        var error = Fails("""
            name: x
            dataset: data.jsonl
            prompts: [{id: a, template: "{{q}}"}]
            endpoints:
              - {id: e, type: echo, limit_scope: node}
            """);
        Assert.Contains(error.Errors, e => e.Line == 5 && e.Message.Contains("`limit_scope` is `cluster`") && e.Message.Contains("found `node`"));
    }

    [Fact]
    public void A_llama_endpoint_resolves_its_model_beside_the_spec_and_takes_one_call_per_slot_on_each_silo()
    {
        var spec = Parse("""
            name: x
            dataset: data.jsonl
            prompts: [{id: a, template: "{{q}}"}]
            endpoints:
              - {id: local, type: llama, model_path: models/m.gguf, n_ctx: 2048, slots: 6, threads: 2, n_gpu_layers: 99, params: {temperature: 0, max_tokens: 64}}
              - {id: defaults, type: llama, model_path: /abs/m.gguf}
            """);

        var local = spec.Endpoints[0];
        Assert.Equal(Path.GetFullPath(Path.Combine(Path.GetDirectoryName(Path.GetFullPath(spec.SourcePath))!, "models/m.gguf")), local.Options["model_path"].Scalar);
        Assert.Equal((6, LimitScope.Silo), (local.MaxConcurrency, local.LimitScope));
        Assert.Equal(["model_path", "n_ctx", "n_gpu_layers", "slots", "threads"], local.Options.Keys.Order(StringComparer.Ordinal));
        Assert.Equal((8, LimitScope.Silo, "/abs/m.gguf"), (spec.Endpoints[1].MaxConcurrency, spec.Endpoints[1].LimitScope, spec.Endpoints[1].Options["model_path"].Scalar));

        var error = Fails("""
            name: x
            dataset: data.jsonl
            prompts: [{id: a, template: "{{q}}"}]
            endpoints:
              - {id: e, type: llama, model_path: m.gguf, n_batch: 4}
            """);
        Assert.Contains(error.Errors, e => e.Line == 5 && e.Message.Contains("unknown key `n_batch`"));
    }

    [Fact]
    public void Unknown_scorers_and_their_parameters_are_named_with_the_fix()
    {
        var error = Fails("""
            name: x
            dataset: data.jsonl
            prompts: [{id: a, template: "{{q}}"}]
            endpoints: [{id: e, type: echo}]
            scorers:
              - blue: {reference_field: answer}
              - bleu: {reference_field: answer, smoothing: exp}
              - rougeL: {}
              - judge: {endpoint: nowhere, rubric: "correct?"}
            """);

        Assert.Contains(error.Errors, e => e.Line == 6 && e.Message.Contains("unknown scorer `blue`") && e.Message.Contains("Did you mean `bleu`?"));
        Assert.Contains(error.Errors, e => e.Line == 7 && e.Message.Contains("unknown key `smoothing`"));
        Assert.Contains(error.Errors, e => e.Line == 8 && e.Message.Contains("`rougeL` needs `reference_field`"));
        Assert.Contains(error.Errors, e => e.Line == 9 && e.Message.Contains("endpoint `nowhere`, which the spec does not define; use one of e"));
    }

    [Fact]
    public void An_api_key_never_belongs_in_a_spec()
    {
        var error = Fails("""
            name: x
            dataset: data.jsonl
            prompts: [{id: a, template: "{{q}}"}]
            endpoints:
              - id: e
                type: openai
                api_key: sk-abc123
              - id: f
                type: openai
                api_key_env: sk-abc123-not-a-name
            """);

        Assert.Contains(error.Errors, e => e.Line == 7 && e.Message.Contains("must not be written in a spec"));
        Assert.Contains(error.Errors, e => e.Line == 10 && e.Message.Contains("names the environment variable"));
        Assert.DoesNotContain("sk-abc123", string.Join("\n", error.Errors.Select(e => e.Message)));
    }

    [Fact]
    public void Malformed_yaml_names_its_line()
    {
        var error = Fails("name: x\nprompts:\n  - id: a\n   template: [unclosed\n");

        var only = Assert.Single(error.Errors);
        Assert.True(only.Line >= 3, $"line {only.Line}");
        Assert.Contains("not valid YAML", only.Message);
    }

    [Fact]
    public void A_template_that_does_not_compile_is_reported_at_its_prompt()
    {
        var error = Fails("""
            name: x
            dataset: data.jsonl
            prompts:
              - id: broken
                template: "{{#each items}}no end"
            endpoints: [{id: e, type: echo}]
            """);

        Assert.Contains(error.Errors, e => e.Line == 4 && e.Message.Contains("prompt `broken`"));
    }

    [Fact]
    public void Relative_paths_resolve_against_the_spec_folder_and_missing_files_are_named()
    {
        var error = Assert.Throws<SpecException>(() => SpecParser.ParseFile(_folder.Write("nested/spec.yaml", """
            name: x
            dataset: ../data.csv
            prompts: [{id: a, file: prompts/missing.hbs}]
            endpoints: [{id: r, type: replay}]
            """)));

        Assert.Contains(error.Errors, e => e.Line == 3 && e.Message.Contains("cannot read `prompts/missing.hbs`"));
        Assert.Contains(error.Errors, e => e.Line == 4 && e.Message.Contains("replay endpoint `r` needs `file`"));
    }
}
