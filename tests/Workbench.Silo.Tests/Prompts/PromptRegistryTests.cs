using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Workbench.Evaluation.Specs;
using Workbench.Grains.Catalog;
using Workbench.Grains.Prompts;
using Workbench.Silo.Hosting;
using Workbench.Silo.Runs;
using Workbench.Silo.Tests.Runs;

namespace Workbench.Silo.Tests.Prompts;

public sealed class PromptRegistryTests : IAsyncDisposable
{
    private static readonly PromptText[] Terse = [new("user", "Answer briefly: {{question}}")];
    private static readonly PromptText[] WithSystem = [new("system", "You answer with a short span."), new("user", "Question: {{question}}\nAnswer:")];
    private readonly EvalHarness _harness = new();
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    public ValueTask DisposeAsync() => _harness.DisposeAsync();

    private async Task<T> WithRegistryAsync<T>(Func<IGrainFactory, Task<T>> action)
    {
        await using var silo = await EmbeddedSilo.StartAsync(_harness.DatabasePath, logging => logging.ClearProviders(), _ct);
        return await action(silo.Services.GetRequiredService<IGrainFactory>());
    }

    [Fact]
    public async Task The_same_content_is_one_version_and_new_content_the_next()
    {
        var (first, again, second) = await WithRegistryAsync(async grains =>
        {
            var qa = grains.GetGrain<IPromptGrain>("qa");
            return ((await qa.PushAsync(Terse, "a.txt", _ct)), (await qa.PushAsync(Terse, "b.txt", _ct)), (await qa.PushAsync(WithSystem, "c.yaml", _ct)));
        });

        Assert.True(first.Created);
        Assert.Equal(1, first.Version.Number);
        Assert.False(again.Created);
        Assert.Equal(first.Version.Hash, again.Version.Hash);
        Assert.True(second.Created);
        Assert.Equal(2, second.Version.Number);
        Assert.NotEqual(first.Version.Hash, second.Version.Hash);
    }

    [Fact]
    public async Task A_version_has_the_hash_that_the_same_prompt_written_inline_gets()
    {
        _harness.WriteQuestions(1);
        var spec = SpecParser.ParseFile(_harness.Write("inline.yaml", """
            name: inline
            dataset: data.jsonl
            prompts:
              - id: p
                system: You answer with a short span.
                template: "Question: {{question}}\nAnswer:"
            endpoints: [{id: echo, type: echo}]
            """));

        var pushed = await WithRegistryAsync(grains => grains.GetGrain<IPromptGrain>("qa").PushAsync(WithSystem, null, _ct));

        Assert.Equal(spec.Prompts[0].VersionHash, pushed.Version.Hash);
    }

    [Fact]
    public async Task Labels_move_are_kept_in_the_history_and_survive_a_restart()
    {
        await WithRegistryAsync(async grains =>
        {
            var qa = grains.GetGrain<IPromptGrain>("qa");
            await qa.PushAsync(Terse, null, _ct);
            await qa.PushAsync(WithSystem, null, _ct);
            await qa.LabelAsync("v1", "production", _ct);
            await qa.LabelAsync("v2", "production", _ct);
            return 0;
        });

        // A fresh silo on the same database: the registry was persisted.
        var (entry, production, byHash, latest, missing, names) = await WithRegistryAsync(async grains =>
        {
            var qa = grains.GetGrain<IPromptGrain>("qa");
            var entry = (await qa.GetAsync(_ct))!;
            return (entry, await qa.ResolveAsync("production", _ct), await qa.ResolveAsync(entry.Versions[0].Hash[..8], _ct), await qa.ResolveAsync("", _ct),
                await qa.ResolveAsync("v3", _ct), await grains.GetGrain<ICatalogGrain>(ICatalogGrain.Prompts).NamesAsync(_ct));
        });

        Assert.Equal(2, production!.Number);
        Assert.Equal(1, byHash!.Number);
        Assert.Equal(2, latest!.Number);
        Assert.Null(missing);
        Assert.Equal(["qa"], names);
        Assert.Equal(2, entry.Labels["production"]);
        Assert.Contains(entry.History, e => e.What == "labelled v2 production (was v1)");
        Assert.Equal(WithSystem, entry.Versions[1].Messages);
    }

    [Fact]
    public async Task A_label_must_be_a_word_and_name_an_existing_version()
    {
        var errors = await WithRegistryAsync(async grains =>
        {
            var qa = grains.GetGrain<IPromptGrain>("qa");
            await qa.PushAsync(Terse, null, _ct);
            var notAVersion = await Assert.ThrowsAsync<ArgumentException>(() => qa.LabelAsync("v7", "production", _ct));
            var looksLikeAVersion = await Assert.ThrowsAsync<ArgumentException>(() => qa.LabelAsync("v1", "v2", _ct));
            var spaces = await Assert.ThrowsAsync<ArgumentException>(() => qa.LabelAsync("v1", "my label", _ct));
            // `latest` and hash-like labels could never be looked up as labels.
            await Assert.ThrowsAsync<ArgumentException>(() => qa.LabelAsync("v1", "latest", _ct));
            await Assert.ThrowsAsync<ArgumentException>(() => qa.LabelAsync("v1", "abcdef", _ct));
            return (notAVersion.Message, looksLikeAVersion.Message, spaces.Message);
        });

        Assert.Contains("has no version `v7`", errors.Item1);
        Assert.Contains("v followed by digits (a version)", errors.Item2);
        Assert.Contains("cannot be a label", errors.Item3);
    }

    [Fact]
    public async Task A_spec_names_registry_versions_and_every_cell_records_the_exact_hash()
    {
        var (production, first) = await WithRegistryAsync(async grains =>
        {
            var qa = grains.GetGrain<IPromptGrain>("qa");
            var v1 = (await qa.PushAsync(Terse, null, _ct)).Version;
            var v2 = (await qa.PushAsync(WithSystem, null, _ct)).Version;
            await qa.LabelAsync("v2", "production", _ct);
            return (v2, v1);
        });
        _harness.WriteQuestions(3);
        _harness.Write("spec.yaml", """
            name: registry
            dataset: data.jsonl
            prompts:
              - id: prod
                prompt: qa@production
              - id: first
                prompt: qa@v1
            endpoints: [{id: echo, type: echo}]
            scorers:
              - contains: {reference_field: answer}
            """);

        var (outcome, _) = await _harness.RunAsync("spec.yaml");

        var lines = File.ReadAllLines(Path.Combine(outcome.OutputFolder!, "results.jsonl")).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(6, lines.Count);
        Assert.All(lines.Where(l => l.GetProperty("prompt_id").GetString() == "prod"), l => Assert.Equal(production.Hash, l.GetProperty("prompt_hash").GetString()));
        Assert.All(lines.Where(l => l.GetProperty("prompt_id").GetString() == "first"), l => Assert.Equal(first.Hash, l.GetProperty("prompt_hash").GetString()));
        // The echo endpoint answers with the prompt: the registry's text was sent.
        Assert.Contains(lines, l => l.GetProperty("prompt_id").GetString() == "prod" && l.GetProperty("output").GetString()!.StartsWith("You answer with a short span.", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_resume_keeps_the_versions_its_run_was_submitted_with_after_a_label_moves()
    {
        var (first, _) = await WithRegistryAsync(async grains =>
        {
            var qa = grains.GetGrain<IPromptGrain>("qa");
            var v1 = (await qa.PushAsync(Terse, null, _ct)).Version;
            await qa.LabelAsync("v1", "production", _ct);
            return (v1, 0);
        });
        _harness.WriteQuestions(3);
        _harness.Write("spec.yaml", """
            name: registry
            dataset: data.jsonl
            prompts:
              - id: prod
                prompt: qa@production
            endpoints: [{id: echo, type: echo}]
            """);
        var (run, _) = await _harness.RunAsync("spec.yaml");
        await WithRegistryAsync(async grains =>
        {
            var qa = grains.GetGrain<IPromptGrain>("qa");
            await qa.PushAsync(WithSystem, null, _ct);
            return await qa.LabelAsync("v2", "production", _ct);
        });

        var (resumed, _) = await _harness.RunAsync("spec.yaml", new RunOptions(Resume: run.RunId));

        Assert.Equal(run.RunId, resumed.RunId);
        Assert.Equal(first.Hash, Assert.Single(resumed.Summary!.Variants).PromptHash);
    }

    [Fact]
    public async Task A_spec_naming_a_missing_version_fails_with_its_line_and_the_fix()
    {
        _harness.WriteQuestions(1);
        _harness.Write("spec.yaml", """
            name: registry
            dataset: data.jsonl
            prompts:
              - id: prod
                prompt: qa@production
            endpoints: [{id: echo, type: echo}]
            """);

        var error = await Assert.ThrowsAsync<SpecException>(() => _harness.RunAsync("spec.yaml"));

        var problem = Assert.Single(error.Errors);
        Assert.Equal(4, problem.Line);
        Assert.Contains("`qa@production` is not in the prompt registry", problem.Message);
        Assert.Contains("workbench prompt push qa FILE", problem.Message);
    }
}
