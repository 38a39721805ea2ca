using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using System.Text;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Index;
using Lucene.Net.QueryParsers.Classic;
using Lucene.Net.Search;
using NIOFSDirectory = Lucene.Net.Store.NIOFSDirectory;
using Workbench.Grains.Embeddings;

namespace Workbench.Grains.Retrieval;

/// <summary>
/// One version of an index, open for searching. Thread-safe: Lucene's searcher is, and each search
/// parses its query with a parser of its own (<see cref="QueryParser"/> is not). A user's text is
/// escaped before parsing, so query syntax in it (quotes, colons, brackets, AND, wildcards) is searched
/// as words and never breaks the parser.
/// </summary>
public sealed partial class RetrievalIndex : IDisposable
{
    /// <summary>Reciprocal rank fusion's constant (Cormack, Clarke and Büttcher, 2009).</summary>
    public const int FusionConstant = 60;

    /// <summary>The instruction arctic-embed puts before a query (not before documents).</summary>
    public const string QueryInstruction = "Represent this sentence for searching relevant passages: ";

    private readonly NIOFSDirectory _directory;
    private readonly DirectoryReader _reader;
    private readonly IndexSearcher _searcher;
    private readonly Analyzer _analyzer;
    private readonly float[]? _vectors;
    private readonly int _dimensions;

    private RetrievalIndex(IndexVersion version, string folder)
    {
        Version = version;
        // Not FSDirectory.Open, which maps the files: every byte read through a mapped view adds and
        // releases a reference on one shared SafeHandle, so two searching threads contended on it and
        // searched slower together than one alone. NIOFSDirectory gives each reader clone a buffer of
        // its own and goes to the file only to refill it (a seek and a read under the file's lock).
        _directory = new NIOFSDirectory(Path.Combine(folder, "lucene"));
        try
        {
            _reader = DirectoryReader.Open(_directory);
            _searcher = new IndexSearcher(_reader) { Similarity = new Lucene8Bm25Similarity(version.Settings.K1, version.Settings.B) };
            _analyzer = IndexFolder.AnalyzerOf(version.Settings);
            if (version.Settings.Dense)
            {
                var bytes = File.ReadAllBytes(Path.Combine(folder, "dense.f32"));
                _vectors = MemoryMarshal.Cast<byte, float>(bytes).ToArray();
                _dimensions = _vectors.Length / Math.Max(1, _reader.MaxDoc);
            }
        }
        catch
        {
            // Nothing of a version that cannot be opened stays open (its files could not be replaced on Windows).
            _reader?.Dispose();
            _directory.Dispose();
            _analyzer?.Dispose();
            throw;
        }
    }

    /// <summary>The version searched.</summary>
    public IndexVersion Version { get; }

    /// <summary>Opens the current version of <paramref name="name"/>.</summary>
    /// <exception cref="InvalidOperationException">The index has no version here; the message says how to build one.</exception>
    public static RetrievalIndex Open(IndexFolder folder, string name)
    {
        var version = folder.Current(name)
            ?? throw new InvalidOperationException($"there is no index `{name}` in {folder.Root}. Build it: workbench index build {name} --docs docs.jsonl");
        return new RetrievalIndex(version, folder.PathOf(name, version.Version));
    }

    /// <summary>Opens <paramref name="version"/>, which must be in <paramref name="folder"/>.</summary>
    public static RetrievalIndex Open(IndexFolder folder, IndexVersion version) => new(version, folder.PathOf(version.Name, version.Version));

    /// <summary>The <paramref name="k"/> best documents for <paramref name="query"/>, best first.</summary>
    /// <exception cref="ArgumentException">The query is empty, or dense search was asked of an index built without <c>--dense</c>.</exception>
    public async Task<IReadOnlyList<SearchHit>> SearchAsync(string query, int k, SearchMode mode, bool snippets, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(query))
        {
            throw new ArgumentException("the query is empty.", nameof(query));
        }
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        IReadOnlyList<(int Doc, double Score)> ranked = mode switch
        {
            SearchMode.Bm25 => Bm25(query, k),
            SearchMode.Dense => await DenseAsync(query, k, cancellationToken).ConfigureAwait(false),
            _ => Fuse(Bm25(query, Math.Max(k, 100)), await DenseAsync(query, Math.Max(k, 100), cancellationToken).ConfigureAwait(false), k),
        };
        var terms = snippets ? Terms(query) : [];
        return [.. ranked.Select(r =>
        {
            var stored = _searcher.Doc(r.Doc);
            var text = stored.Get(IndexBuilder.ContentsField) ?? "";
            return new SearchHit(stored.Get(IndexBuilder.IdField), r.Score, snippets ? Snippet(text, terms) : "", text);
        })];
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _reader.Dispose();
        _directory.Dispose();
        _analyzer.Dispose();
    }

    private List<(int Doc, double Score)> Bm25(string text, int k)
    {
        // A parser per search: QueryParser keeps state while parsing and must not be shared between threads.
        var parser = new QueryParser(IndexFolder.Lucene, IndexBuilder.ContentsField, _analyzer);
        Query query;
        try
        {
            // Escaping leaves the words AND, OR and NOT, which the parser reads as operators: lower case makes them words.
            query = parser.Parse(Operators().Replace(QueryParserBase.Escape(text), m => m.Value.ToLowerInvariant()));
        }
        catch (ParseException exception) when (exception.InnerException is BooleanQuery.TooManyClausesException)
        {
            throw new ArgumentException($"the query has more than {BooleanQuery.MaxClauseCount} terms; shorten it.", exception);
        }
        catch (ParseException)
        {
            // Escaped text fails to parse only when analysis leaves nothing of it (only stop words): nothing matches.
            return [];
        }
        return [.. _searcher.Search(query, k).ScoreDocs.Select(d => (d.Doc, (double)d.Score))];
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"\b(AND|OR|NOT)\b")]
    private static partial System.Text.RegularExpressions.Regex Operators();

    private async Task<List<(int Doc, double Score)>> DenseAsync(string text, int k, CancellationToken cancellationToken)
    {
        if (_vectors is null)
        {
            throw new ArgumentException($"index `{Version.Name}` was built without embeddings: rebuild it with --dense for dense or hybrid search.");
        }
        var query = (await EmbeddingModels.Shared.Get("arctic-xs").GenerateAsync([QueryInstruction + text], cancellationToken: cancellationToken).ConfigureAwait(false))[0].Vector;
        var count = _vectors.Length / _dimensions;
        var scores = new double[count];
        for (var doc = 0; doc < count; doc++)
        {
            // Both sides are normalised: the dot product is the cosine.
            scores[doc] = TensorPrimitives.Dot(query.Span, _vectors.AsSpan(doc * _dimensions, _dimensions));
        }
        return [.. Enumerable.Range(0, count).OrderByDescending(d => scores[d]).ThenBy(d => d).Take(k).Select(d => (d, scores[d]))];
    }

    /// <summary>Reciprocal rank fusion: each list gives a document 1 / (60 + rank); the sums rank the fused list.</summary>
    private static List<(int Doc, double Score)> Fuse(List<(int Doc, double Score)> first, List<(int Doc, double Score)> second, int k)
    {
        var fused = new Dictionary<int, double>();
        foreach (var list in new[] { first, second })
        {
            for (var rank = 0; rank < list.Count; rank++)
            {
                fused[list[rank].Doc] = fused.GetValueOrDefault(list[rank].Doc) + (1.0 / (FusionConstant + rank + 1));
            }
        }
        return [.. fused.OrderByDescending(f => f.Value).ThenBy(f => f.Key).Take(k).Select(f => (f.Key, f.Value))];
    }

    /// <summary>The analysed terms of the query, as the index stores them.</summary>
    private HashSet<string> Terms(string text)
    {
        var terms = new HashSet<string>(StringComparer.Ordinal);
        using var stream = _analyzer.GetTokenStream(IndexBuilder.ContentsField, text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        stream.Reset();
        while (stream.IncrementToken())
        {
            terms.Add(term.ToString());
        }
        stream.End();
        return terms;
    }

    /// <summary>About 200 characters around the first stretch where the query's terms occur, each marked **so**.</summary>
    private string Snippet(string contents, HashSet<string> terms)
    {
        var matches = new List<(int Start, int End)>();
        using (var stream = _analyzer.GetTokenStream(IndexBuilder.ContentsField, contents))
        {
            var term = stream.AddAttribute<ICharTermAttribute>();
            var offset = stream.AddAttribute<IOffsetAttribute>();
            stream.Reset();
            while (stream.IncrementToken())
            {
                if (terms.Contains(term.ToString()))
                {
                    matches.Add((offset.StartOffset, offset.EndOffset));
                }
            }
            stream.End();
        }
        const int Width = 200;
        // The window with the most matches, starting at a match.
        var best = (Start: 0, Count: 0);
        for (var i = 0; i < matches.Count; i++)
        {
            var inWindow = matches.Skip(i).TakeWhile(m => m.End <= matches[i].Start + Width).Count();
            if (inWindow > best.Count)
            {
                best = (Math.Max(0, matches[i].Start - 40), inWindow);
            }
        }
        var start = best.Start > 0 ? contents.LastIndexOf(' ', best.Start) + 1 : 0;
        var end = Math.Min(contents.Length, start + Width);
        var snippet = new StringBuilder(start > 0 ? "…" : "");
        var at = start;
        foreach (var (matchStart, matchEnd) in matches.Where(m => m.Start >= start && m.End <= end))
        {
            snippet.Append(contents, at, matchStart - at).Append("**").Append(contents, matchStart, matchEnd - matchStart).Append("**");
            at = matchEnd;
        }
        snippet.Append(contents, at, end - at);
        return (end < contents.Length ? snippet.Append('…') : snippet).ToString().ReplaceLineEndings(" ");
    }
}
