using Workbench.Evaluation.Retrieval;
using Workbench.Grains.Retrieval;

namespace Workbench.Grains.Tests.Retrieval;

public sealed class RetrievalIndexTests : IDisposable
{
    private const string Documents = """
        {"id": "a", "title": "Boundary layers", "text": "The boundary layer on a flat plate grows with distance from the leading edge."}
        {"id": "b", "title": "Heat transfer", "text": "Heat transfer in hypersonic flow heats the nose of a blunt body."}
        {"id": "c", "title": "Wings", "text": "Slender wings at high angles of attack shed vortices from the leading edge."}
        {"id": "d", "title": "Empty", "text": ""}
        """;

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private IndexFolder Indexes => new(_folder.PathOf("indexes"));

    private Task<(IndexVersion Version, bool Built)> BuildAsync(string documents, IndexSettings? settings = null, string name = "papers") =>
        IndexBuilder.BuildAsync(Indexes, name, _folder.Write($"{name}-{Guid.NewGuid():N}.jsonl", documents), settings ?? IndexSettings.Default, null, TestContext.Current.CancellationToken);

    [Fact]
    public async Task A_search_ranks_by_bm25_over_stemmed_title_and_text_and_marks_the_terms_in_its_snippet()
    {
        await BuildAsync(Documents);
        using var index = RetrievalIndex.Open(Indexes, "papers");

        var hits = await index.SearchAsync("leading edges of wings", 10, SearchMode.Bm25, snippets: true, TestContext.Current.CancellationToken);

        // "wings" and "edge" both match c; only "edge" matches a (English stemming joins edges/edge and wings/wing).
        Assert.Equal(["c", "a"], hits.Select(h => h.DocumentId));
        Assert.True(hits[0].Score > hits[1].Score);
        Assert.Contains("**Wings**", hits[0].Snippet, StringComparison.Ordinal);
        Assert.Contains("**edge**", hits[0].Snippet, StringComparison.Ordinal);
        Assert.Equal(4, index.Version.Documents);
    }

    [Theory]
    [InlineData("\"heat transfer")]
    [InlineData("nose: (blunt) [body} AND OR NOT *")]
    [InlineData("heat~2 && || ! ^3 + - / \\")]
    [InlineData("the of and")]
    public async Task Query_syntax_in_user_text_is_searched_as_words_and_never_breaks_the_parser(string query)
    {
        await BuildAsync(Documents);
        using var index = RetrievalIndex.Open(Indexes, "papers");

        var hits = await index.SearchAsync(query, 5, SearchMode.Bm25, snippets: true, TestContext.Current.CancellationToken);

        Assert.True(hits.Count == 0 || hits[0].DocumentId == "b", string.Join(",", hits.Select(h => h.DocumentId)));
    }

    [Theory]
    [InlineData("NOT heat")]
    [InlineData("heat AND")]
    [InlineData("OR nose NOT")]
    public async Task The_words_and_or_not_are_searched_as_words_not_read_as_operators(string query)
    {
        await BuildAsync(Documents);
        using var index = RetrievalIndex.Open(Indexes, "papers");

        var hits = await index.SearchAsync(query, 5, SearchMode.Bm25, snippets: false, TestContext.Current.CancellationToken);

        Assert.Equal(["b"], hits.Select(h => h.DocumentId));
    }

    [Fact]
    public async Task The_same_documents_and_settings_make_the_same_version_and_any_change_a_new_one()
    {
        var first = await BuildAsync(Documents);
        var again = await BuildAsync(Documents);
        var edited = await BuildAsync(Documents.Replace("flat plate", "curved plate", StringComparison.Ordinal));
        var reweighted = await BuildAsync(Documents, IndexSettings.Default with { B = 0.5f });

        Assert.True(first.Built);
        Assert.Equal((first.Version.Version, false), (again.Version.Version, again.Built));
        Assert.NotEqual(first.Version.Version, edited.Version.Version);
        Assert.NotEqual(first.Version.Version, reweighted.Version.Version);
        Assert.Equal(reweighted.Version.Version, Indexes.Current("papers")!.Version);
    }

    [Theory]
    [InlineData("{\"id\": \"a\", \"text\": \"x\"}\nnot json\n", ":2: this line is not valid JSON")]
    [InlineData("{\"id\": \"a\", \"text\": \"x\"}\n{\"id\": \"a\", \"text\": \"y\"}\n", ":2: id `a` was already used on line 1")]
    [InlineData("{\"doc\": \"a\", \"text\": \"x\"}\n", ":1: the document has no `id`")]
    [InlineData("[1, 2]\n", ":1: each line must be a JSON object")]
    [InlineData("{\"id\": \"a\", \"text\": 3}\n", ":1: `text` of document `a` is a number")]
    [InlineData("\n\n", "holds no documents")]
    public async Task Bad_documents_are_refused_with_their_line_and_leave_no_version(string documents, string message)
    {
        var error = await Assert.ThrowsAsync<FormatException>(() => BuildAsync(documents));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.Null(Indexes.Current("papers"));
        Assert.Empty(Directory.GetDirectories(Path.Combine(Indexes.Root, "papers")));
    }

    [Fact]
    public async Task Dense_and_hybrid_search_rank_by_meaning_with_arctic_embeddings()
    {
        await BuildAsync(Documents, IndexSettings.Default with { Dense = true });
        using var index = RetrievalIndex.Open(Indexes, "papers");

        var dense = await index.SearchAsync("thermal loads on re-entry vehicles", 2, SearchMode.Dense, snippets: false, TestContext.Current.CancellationToken);
        var hybrid = await index.SearchAsync("vortex shedding of a wing", 2, SearchMode.Hybrid, snippets: false, TestContext.Current.CancellationToken);

        Assert.Equal("b", dense[0].DocumentId);
        Assert.Equal("c", hybrid[0].DocumentId);
        // Fused scores are sums of 1 / (60 + rank): first in both lists gives 2/61.
        Assert.Equal(2.0 / 61, hybrid[0].Score, 12);
    }

    [Fact]
    public async Task Bm25_on_cranfield_gives_lucene_8s_mean_average_precision()
    {
        var data = Path.Combine(RepositoryRoot(), "examples", "cranfield", "data");
        await IndexBuilder.BuildAsync(Indexes, "cranfield", Path.Combine(data, "docs.jsonl"), IndexSettings.Default with { Fields = ["text"] }, null, TestContext.Current.CancellationToken);
        using var index = RetrievalIndex.Open(Indexes, "cranfield");
        var rankings = new Dictionary<string, IReadOnlyList<RankedDocument>>();
        foreach (var line in File.ReadLines(Path.Combine(data, "queries.jsonl")))
        {
            var query = System.Text.Json.JsonDocument.Parse(line).RootElement;
            var hits = await index.SearchAsync(query.GetProperty("text").GetString()!, 1000, SearchMode.Bm25, snippets: false, TestContext.Current.CancellationToken);
            rankings[query.GetProperty("id").GetString()!] = [.. hits.Select(h => new RankedDocument(h.DocumentId, h.Score))];
        }

        var scores = RetrievalMetrics.Average(rankings, RelevanceJudgements.Read(Path.Combine(data, "qrels.tsv")), 10);

        // Apache Lucene 8.7 with EnglishAnalyzer and BM25(1.2, 0.75) on Cranfield's text: MAP 0.2956 (Lucene.Net 4.8's stock BM25 gives 0.2949).
        Assert.Equal(225, scores.Queries);
        Assert.Equal(0.2956, scores.MeanAveragePrecision, 4);
    }

    private static string RepositoryRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "Workbench.sln")))
        {
            folder = folder.Parent;
        }
        return folder?.FullName ?? throw new InvalidOperationException("the tests run outside the repository");
    }
}
