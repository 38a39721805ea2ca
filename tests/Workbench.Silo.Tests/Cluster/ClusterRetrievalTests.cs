using System.IO.Compression;
using System.Text.Json.Nodes;
using Workbench.Evaluation.Specs;
using Workbench.Grains.Retrieval;
using Workbench.Grains.Runs;
using Workbench.Silo.Runs;
using Workbench.Silo.Tests.Runs;

namespace Workbench.Silo.Tests.Cluster;

public sealed class ClusterRetrievalTests(ClusterFixture fixture) : IClassFixture<ClusterFixture>, IDisposable
{
    /// <summary>Documents on distinct topics, and for each a question only it answers.</summary>
    private static readonly (string Id, string Title, string Text, string Question)[] Facts =
    [
        ("volcano", "Volcanoes", "Magma rises through the crust and erupts as lava, ash and volcanic gas.", "what erupts from a volcano as lava and ash"),
        ("glacier", "Glaciers", "A glacier is a slow river of ice that carves valleys and leaves moraines.", "how does a glacier of ice carve valleys"),
        ("violin", "The violin", "The violin has four strings tuned in fifths and is played with a bow.", "how many strings does the violin bow play"),
        ("espresso", "Espresso", "Espresso is coffee brewed by forcing hot water through finely ground beans.", "how is espresso coffee brewed"),
        ("comet", "Comets", "A comet is an icy body whose tail of dust points away from the Sun.", "why does a comet tail of dust point away"),
        ("bonsai", "Bonsai", "Bonsai is the art of growing miniature trees in shallow pots by pruning.", "what is the art of miniature trees bonsai"),
        ("sonnet", "Sonnets", "A sonnet is a poem of fourteen lines, often in iambic pentameter.", "how many lines does a sonnet poem have"),
        ("tundra", "Tundra", "The tundra is a cold treeless plain with permafrost beneath mosses.", "what lies beneath the treeless tundra plain"),
    ];

    private readonly TempFolder _folder = new("workbench-cluster-rag-");
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task A_hybrid_rag_spec_on_two_silos_builds_the_pinned_version_on_each_from_the_store_and_records_it_on_every_cell()
    {
        var clientRoot = _folder.PathOf("client-indexes");
        var (version, _) = await BuildAsync(clientRoot, "facts-cluster", IndexSettings.Default with { Dense = true });
        _folder.Write("questions.jsonl", string.Concat(Facts.Select(f => $"{{\"id\": \"q-{f.Id}\", \"question\": \"{f.Question}\", \"gold\": [\"{f.Id}\"]}}\n")));
        _folder.Write("rag.yaml", """
            name: cluster-rag
            dataset: questions.jsonl
            retrieval: {index: facts-cluster, query: "{{question}}", k: 2, mode: hybrid}
            prompts:
              - id: grounded
                template: "Answer from the context.\n{{context}}\nQuestion: {{question}}"
            endpoints:
              - {id: echo, type: echo}
            scorers:
              - context_recall: {reference_field: gold}
              - context_precision: {reference_field: gold}
            """);

        var outcome = await fixture.Runner().RunAsync(SpecParser.ParseFile(_folder.PathOf("rag.yaml")),
                new RunOptions(OutputFolder: _folder.PathOf("out")) { IndexRoot = clientRoot }, new EvalHarness.RecordingProgress(_ => { }), _ct)
            .Within("the RAG run on the cluster", TimeSpan.FromMinutes(2));

        Assert.Equal((RunStatus.Completed, (long)Facts.Length), (outcome.Status, outcome.Summary!.Cells));
        var lines = File.ReadAllLines(_folder.PathOf(Path.Combine("out", "results.jsonl"))).Select(l => JsonNode.Parse(l)!).ToList();
        foreach (var (line, fact) in lines.Zip(Facts))
        {
            var retrieval = line["retrieval"]!;
            Assert.Equal(("facts-cluster", version.Version, fact.Question), ((string)retrieval["index"]!, (string)retrieval["version"]!, (string)retrieval["query"]!));
            var ids = retrieval["ids"]!.AsArray().Select(id => (string)id!).ToList();
            Assert.Equal(2, ids.Count);
            Assert.Equal(fact.Id, ids[0]);
            // The echo endpoint answers with the rendered prompt: the document's text reached the template.
            Assert.Contains(fact.Text, (string)line["output"]!, StringComparison.Ordinal);
            Assert.Contains($"[1] ({fact.Id})", (string)line["output"]!, StringComparison.Ordinal);
            Assert.Equal(1.0, (double)line["scores"]!["context_recall"]!["value"]!);
            Assert.Equal(1.0 / ids.Count, (double)line["scores"]!["context_precision"]!["value"]!);
        }

        // The client's folder is not the silos': each silo built the version from the documents in the store.
        foreach (var silo in fixture.Cluster.Silos)
        {
            var copy = Path.Combine(fixture.IndexRootOf(silo.Name), "facts-cluster", version.Version);
            Assert.True(File.Exists(Path.Combine(copy, "version.json")), $"silo {silo.Name} has no copy of the version at {copy}");
            Assert.Equal(File.ReadAllText(Path.Combine(clientRoot, "facts-cluster", version.Version, "documents.jsonl")), File.ReadAllText(Path.Combine(copy, "documents.jsonl")));
            // The embeddings travelled with the documents: every silo searches the very vectors the client built.
            Assert.Equal(File.ReadAllBytes(Path.Combine(clientRoot, "facts-cluster", version.Version, "dense.f32")), File.ReadAllBytes(Path.Combine(copy, "dense.f32")));
        }
        var registered = await fixture.Cluster.Client.GetGrain<IRetrievalIndexGrain>("facts-cluster").GetVersionsAsync(_ct);
        Assert.Equal(version.Version, Assert.Single(registered).Version);
    }

    [Fact]
    public async Task The_index_grain_refuses_documents_that_do_not_hash_to_the_version_and_keeps_versions_immutable()
    {
        var root = _folder.PathOf("indexes");
        var (first, _) = await BuildAsync(root, "facts-versions");
        var grain = fixture.Cluster.Client.GetGrain<IRetrievalIndexGrain>("facts-versions");
        var documents = File.ReadAllText(Path.Combine(root, "facts-versions", first.Version, "documents.jsonl"));

        var tampered = documents.Replace("Magma", "Water", StringComparison.Ordinal);
        var refused = await Assert.ThrowsAsync<ArgumentException>(() => grain.RegisterAsync(first, new IndexPayload(Gzip(tampered), null), _ct));
        Assert.Contains("hash", refused.Message, StringComparison.Ordinal);
        Assert.Empty(await grain.GetVersionsAsync(_ct));

        // A version built without embeddings cannot be given some.
        await Assert.ThrowsAsync<ArgumentException>(() => grain.RegisterAsync(first, new IndexPayload(Gzip(documents), new byte[64]), _ct));
        await grain.RegisterAsync(first, new IndexPayload(Gzip(documents), null), _ct);
        // Rebuilding with other settings is a new version beside the first, never a change to it.
        var (second, _) = await BuildAsync(root, "facts-versions", IndexSettings.Default with { K1 = 0.9f });
        Assert.NotEqual(first.Version, second.Version);
        await RetrievalIndexes.PublishCurrentAsync(fixture.Cluster.Client, new IndexFolder(root), "facts-versions", _ct);
        await grain.RegisterAsync(first, new IndexPayload(Gzip(documents), null), _ct);

        Assert.Equal([first.Version, second.Version], (await grain.GetVersionsAsync(_ct)).Select(v => v.Version));
        Assert.Equal(documents, Gunzip((await grain.GetDocumentsAsync(first.Version, _ct))!.Documents));
        Assert.Null(await grain.GetDocumentsAsync("000000000000", _ct));
    }

    private async Task<(IndexVersion Version, bool Built)> BuildAsync(string root, string name, IndexSettings? settings = null)
    {
        var documents = _folder.Write($"{name}.jsonl", string.Concat(Facts.Select(f => $"{{\"id\": \"{f.Id}\", \"title\": \"{f.Title}\", \"text\": \"{f.Text}\"}}\n")));
        return await IndexBuilder.BuildAsync(new IndexFolder(root), name, documents, settings ?? IndexSettings.Default, null, _ct);
    }

    private static byte[] Gzip(string text)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest))
        using (var writer = new StreamWriter(gzip))
        {
            writer.Write(text);
        }
        return buffer.ToArray();
    }

    private static string Gunzip(byte[] bytes)
    {
        using var reader = new StreamReader(new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress));
        return reader.ReadToEnd();
    }
}
