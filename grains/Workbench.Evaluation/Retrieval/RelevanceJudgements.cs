using System.Globalization;

namespace Workbench.Evaluation.Retrieval;

/// <summary>
/// Relevance judgements (qrels): for each query, the judged documents and their relevance levels.
/// Reads TREC's format (<c>query_id iteration doc_id relevance</c>, whitespace-separated) and a
/// tab-separated <c>query_id doc_id relevance</c> file with that header.
/// </summary>
public sealed class RelevanceJudgements
{
    private readonly Dictionary<string, Dictionary<string, int>> _byQuery = new(StringComparer.Ordinal);

    /// <summary>The judged queries.</summary>
    public IReadOnlyCollection<string> Queries => _byQuery.Keys;

    /// <summary>The judgements of <paramref name="queryId"/>: document id → relevance level; empty when it has none.</summary>
    public IReadOnlyDictionary<string, int> Of(string queryId) =>
        _byQuery.TryGetValue(queryId, out var judged) ? judged : new Dictionary<string, int>();

    /// <summary>Adds a judgement; a later judgement of the same pair replaces the earlier.</summary>
    public void Add(string queryId, string documentId, int relevance)
    {
        if (!_byQuery.TryGetValue(queryId, out var judged))
        {
            _byQuery[queryId] = judged = new Dictionary<string, int>(StringComparer.Ordinal);
        }
        judged[documentId] = relevance;
    }

    /// <summary>Reads qrels from <paramref name="path"/>.</summary>
    /// <exception cref="FormatException">A line is neither format; the message names the file, the line and the fix.</exception>
    public static RelevanceJudgements Read(string path)
    {
        var judgements = new RelevanceJudgements();
        var number = 0;
        foreach (var line in File.ReadLines(path))
        {
            number++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }
            var parts = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (number == 1 && parts is ["query_id", "doc_id", "relevance"])
            {
                continue;
            }
            var (query, document, level) = parts switch
            {
                [var q, var d, var r] => (q, d, r),
                [var q, _, var d, var r] => (q, d, r),
                _ => (null, null, null),
            };
            if (query is null || !int.TryParse(level, NumberStyles.Integer, CultureInfo.InvariantCulture, out var relevance))
            {
                throw new FormatException(
                    $"{path}:{number}: expected `query_id iteration doc_id relevance` (TREC) or `query_id<TAB>doc_id<TAB>relevance` under a `query_id doc_id relevance` header, with a whole-number relevance; found `{line}`.");
            }
            judgements.Add(query, document!, relevance);
        }
        return judgements;
    }
}
