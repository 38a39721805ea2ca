using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Workbench.Cli.Tests;

public sealed class IndexCommandTests : IDisposable
{
    private readonly WorkbenchProcess _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task Build_search_and_eval_an_index_from_the_command_line()
    {
        _cli.Write("docs.jsonl", """
            {"id": "a", "title": "Boundary layers", "text": "The boundary layer on a flat plate grows with distance from the leading edge."}
            {"id": "b", "title": "Heat transfer", "text": "Heat transfer in hypersonic flow heats the nose of a blunt body."}
            {"id": "c", "title": "Wings", "text": "Slender wings at high angles of attack shed vortices from the leading edge."}
            """);
        _cli.Write("queries.jsonl", "{\"id\": \"1\", \"text\": \"leading edge of wings\"}\n{\"id\": \"2\", \"text\": \"heat: (hypersonic) \\\"nose\"}\n");
        _cli.Write("qrels.tsv", "query_id\tdoc_id\trelevance\n1\tc\t2\n1\ta\t1\n2\tb\t1\n");

        var build = await _cli.RunAsync("index", "build", "papers", "--docs", "docs.jsonl");
        var again = await _cli.RunAsync("index", "build", "papers", "--docs", "docs.jsonl");
        var search = await _cli.RunAsync("index", "search", "papers", "leading edge of wings", "-k", "2", "--json");
        var eval = await _cli.RunAsync("index", "eval", "papers", "--queries", "queries.jsonl", "--qrels", "qrels.tsv", "--k", "2", "--json");

        Assert.True(build.ExitCode == 0, build.Error);
        Assert.Contains("3 documents, built", build.Output, StringComparison.Ordinal);
        Assert.Contains("unchanged", again.Output, StringComparison.Ordinal);
        var hits = search.Output.Trim().Split('\n').Select(l => JsonNode.Parse(l)!).ToList();
        Assert.Equal(["c", "a"], hits.Select(h => h["id"]!.GetValue<string>()));
        var figures = JsonNode.Parse(eval.Output)!;
        // Query 1 ranks c, a: both relevant; query 2 ranks b first. Every measure is perfect.
        foreach (var key in new[] { "map", "mrr", "ndcg@2", "recall@2" })
        {
            Assert.Equal(1.0, figures[key]!.GetValue<double>(), 12);
        }
        Assert.Equal(0.75, figures["p@2"]!.GetValue<double>(), 12);
    }

    [Fact]
    public async Task A_rag_spec_runs_end_to_end_on_the_index_built_beside_it_and_a_rebuild_is_a_new_version()
    {
        _cli.Write("docs.jsonl", """
            {"id": "a", "title": "Boundary layers", "text": "The boundary layer on a flat plate grows with distance from the leading edge."}
            {"id": "b", "title": "Heat transfer", "text": "Heat transfer in hypersonic flow heats the nose of a blunt body."}
            {"id": "c", "title": "Wings", "text": "Slender wings at high angles of attack shed vortices from the leading edge."}
            """);
        _cli.Write("questions.jsonl", """
            {"id": "q1", "question": "what heats the nose in hypersonic flow", "gold": ["b"]}
            {"id": "q2", "question": "vortices: from (slender) wings?", "gold": ["c"]}
            """);
        _cli.Write("empty.jsonl", "{\"id\": \"q3\", \"question\": \" \", \"gold\": [\"a\"]}\n");
        _cli.Write("rag.yaml", """
            name: rag
            dataset: questions.jsonl
            retrieval: {index: papers, query: "{{question}}", k: 1}
            prompts: [{id: grounded, template: "{{context}} | {{question}}"}]
            endpoints: [{id: echo, type: echo}]
            scorers:
              - context_recall: {reference_field: gold}
            """);

        var missing = await _cli.RunAsync("eval", "rag.yaml", "--out", "none");
        var build = await _cli.RunAsync("index", "build", "papers", "--docs", "docs.jsonl");
        var run = await _cli.RunAsync("eval", "rag.yaml", "--out", "first");
        _cli.Write("empty.yaml", File.ReadAllText(Path.Combine(_cli.Folder, "rag.yaml")).Replace("questions.jsonl", "empty.jsonl", StringComparison.Ordinal));
        var empty = await _cli.RunAsync("eval", "empty.yaml", "--out", "empty");
        _cli.Write("docs.jsonl", File.ReadAllText(Path.Combine(_cli.Folder, "docs.jsonl")) + "\n{\"id\": \"d\", \"text\": \"Nose cones of blunt bodies.\"}\n");
        var rebuild = await _cli.RunAsync("index", "build", "papers", "--docs", "docs.jsonl");
        var second = await _cli.RunAsync("eval", "rag.yaml", "--out", "second");

        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("workbench index build papers", missing.Error + missing.Output, StringComparison.Ordinal);
        Assert.True(build.ExitCode == 0, build.Error);
        Assert.True(run.ExitCode == 0, run.Error + run.Output);
        var lines = File.ReadAllLines(Path.Combine(_cli.Folder, "first", "results.jsonl")).Select(l => JsonNode.Parse(l)!).ToList();
        Assert.Equal(["b", "c"], lines.Take(2).Select(l => l["retrieval"]!["ids"]![0]!.GetValue<string>()));
        Assert.StartsWith("[1] (b) Heat transfer\nHeat transfer in hypersonic flow", lines[0]["output"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(1.0, lines[0]["scores"]!["context_recall"]!["value"]!.GetValue<double>());
        // A query that renders empty fails its row with the reason, and the run goes on.
        Assert.NotEqual(2, empty.ExitCode);
        var emptyLine = JsonNode.Parse(File.ReadLines(Path.Combine(_cli.Folder, "empty", "results.jsonl")).Single())!;
        Assert.Contains("query is empty", emptyLine["error"]!.GetValue<string>(), StringComparison.Ordinal);
        var firstVersion = lines[0]["retrieval"]!["version"]!.GetValue<string>();
        Assert.Contains(firstVersion, build.Output, StringComparison.Ordinal);

        Assert.True(second.ExitCode == 0, second.Error + second.Output);
        var secondVersion = JsonNode.Parse(File.ReadLines(Path.Combine(_cli.Folder, "second", "results.jsonl")).First())!["retrieval"]!["version"]!.GetValue<string>();
        Assert.NotEqual(firstVersion, secondVersion);
        Assert.Contains(secondVersion, rebuild.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Eval_searches_an_index_built_into_another_folder_when_given_that_folder()
    {
        _cli.Write("docs.jsonl", """
            {"id": "a", "text": "The boundary layer on a flat plate grows with distance from the leading edge."}
            {"id": "b", "text": "Heat transfer in hypersonic flow heats the nose of a blunt body."}
            """);
        _cli.Write("questions.jsonl", "{\"id\": \"q1\", \"question\": \"hypersonic heat transfer\", \"gold\": [\"b\"]}\n");
        _cli.Write("rag.yaml", """
            name: rag
            dataset: questions.jsonl
            retrieval: {index: papers, query: "{{question}}", k: 1}
            prompts: [{id: grounded, template: "{{context}}"}]
            endpoints: [{id: echo, type: echo}]
            scorers:
              - context_recall: {reference_field: gold}
            """);

        var build = await _cli.RunAsync("index", "build", "papers", "--docs", "docs.jsonl", "--fields", "text", "--root", "shared-indexes");
        var withoutRoot = await _cli.RunAsync("eval", "rag.yaml", "--out", "none");
        var run = await _cli.RunAsync("eval", "rag.yaml", "--out", "run", "--index-root", "shared-indexes");

        Assert.True(build.ExitCode == 0, build.Error);
        Assert.Equal(2, withoutRoot.ExitCode);
        Assert.Contains("--index-root", withoutRoot.Error + withoutRoot.Output, StringComparison.Ordinal);
        Assert.True(run.ExitCode == 0, run.Error + run.Output);
        var line = JsonNode.Parse(File.ReadLines(Path.Combine(_cli.Folder, "run", "results.jsonl")).Single())!;
        Assert.Equal("b", line["retrieval"]!["ids"]![0]!.GetValue<string>());
        // The embedded silo searched the copy in that folder rather than building one of its own in the default folder.
        Assert.False(Directory.Exists(Path.Combine(_cli.Folder, ".workbench", "indexes", "papers")));
    }

    [Fact]
    public async Task A_dry_run_counts_each_prompt_with_the_documents_it_would_be_given()
    {
        _cli.Write("docs.jsonl", """
            {"id": "a", "text": "The boundary layer on a flat plate grows with distance from the leading edge."}
            {"id": "b", "text": "Heat transfer in hypersonic flow heats the nose of a blunt body."}
            """);
        _cli.Write("questions.jsonl", "{\"id\": \"q1\", \"question\": \"hypersonic heat transfer\"}\n{\"id\": \"q2\", \"question\": \" \"}\n");
        _cli.Write("rag.yaml", """
            name: rag
            dataset: questions.jsonl
            retrieval: {index: papers, query: "{{question}}", k: 1}
            prompts: [{id: grounded, template: "{{context}}"}]
            endpoints: [{id: echo, type: echo, params: {max_tokens: 10}}, {id: plain, type: echo}]
            scorers: [{exact_match: {reference_field: question}}]
            """);

        var missing = await _cli.RunAsync("eval", "rag.yaml", "--dry-run");
        var build = await _cli.RunAsync("index", "build", "papers", "--docs", "docs.jsonl", "--fields", "text");
        var dry = await _cli.RunAsync("eval", "rag.yaml", "--dry-run");
        // A resumed run keeps the version it was submitted with, and so does its dry run.
        await _cli.RunAsync("eval", "rag.yaml", "--out", "first");
        _cli.Write("docs.jsonl", File.ReadAllText(Path.Combine(_cli.Folder, "docs.jsonl")) + "\n{\"id\": \"c\", \"text\": \"Hypersonic heat transfer to blunt noses, measured.\"}\n");
        var rebuild = await _cli.RunAsync("index", "build", "papers", "--docs", "docs.jsonl", "--fields", "text");
        var resumed = await _cli.RunAsync("eval", "rag.yaml", "--dry-run", "--resume", "last");

        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("workbench index build papers", missing.Error + missing.Output, StringComparison.Ordinal);
        Assert.True(dry.ExitCode == 0, dry.Error + dry.Output);
        var said = dry.Error + dry.Output;
        // q1's prompt is "[1] (b) Heat transfer in hypersonic flow heats the nose of a blunt body.": 72 characters,
        // (72 + 3) / 4 + 4 = 22 tokens. q2's query is empty: the run would fail its cells without a call.
        // Without max_tokens the answer is assumed as long as the prompt without its documents: "", 0 characters, 4 tokens.
        Assert.Contains("2 model calls", said, StringComparison.Ordinal);
        Assert.Contains("echo: 1 calls, ~22 input tokens, ~10 output tokens (max_tokens)", said, StringComparison.Ordinal);
        Assert.Contains("plain: 1 calls, ~22 input tokens, ~4 output tokens (assumed as long as the input without its retrieved documents)", said, StringComparison.Ordinal);
        Assert.Contains("1 rows would fail their retrieval", said, StringComparison.Ordinal);
        Assert.Contains("query is empty", said, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_cli.Folder, "runs")));

        var first = Regex.Match(build.Output, "version ([0-9a-f]{12})").Groups[1].Value;
        var second = Regex.Match(rebuild.Output, "version ([0-9a-f]{12})").Groups[1].Value;
        Assert.NotEqual(first, second);
        Assert.True(resumed.ExitCode == 0, resumed.Error + resumed.Output);
        Assert.Contains($"version {first} as the run was submitted", resumed.Error + resumed.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(second, resumed.Error + resumed.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_documents_an_unknown_index_and_dense_search_without_embeddings_exit_2_with_the_fix()
    {
        _cli.Write("dup.jsonl", "{\"id\": \"a\", \"text\": \"x\"}\n{\"id\": \"a\", \"text\": \"y\"}\n");
        _cli.Write("docs.jsonl", "{\"id\": \"a\", \"text\": \"x\"}\n");

        var duplicate = await _cli.RunAsync("index", "build", "papers", "--docs", "dup.jsonl");
        var unknown = await _cli.RunAsync("index", "search", "nothing", "query");
        await _cli.RunAsync("index", "build", "papers", "--docs", "docs.jsonl");
        var dense = await _cli.RunAsync("index", "search", "papers", "query", "--mode", "dense");

        Assert.Equal(2, duplicate.ExitCode);
        Assert.Contains("dup.jsonl:2: id `a` was already used on line 1", duplicate.Error, StringComparison.Ordinal);
        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("workbench index build nothing", unknown.Error, StringComparison.Ordinal);
        Assert.Equal(2, dense.ExitCode);
        Assert.Contains("--dense", dense.Error, StringComparison.Ordinal);
    }
}
