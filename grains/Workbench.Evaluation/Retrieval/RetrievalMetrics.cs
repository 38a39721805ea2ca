namespace Workbench.Evaluation.Retrieval;

/// <summary>
/// Retrieval measures with trec_eval's conventions:
/// <list type="bullet">
/// <item>a document is relevant when its judged level is at least 1 (trec_eval's <c>-l 1</c>); unjudged documents are not relevant;</item>
/// <item>each query's ranking is cut at <c>depth</c> (trec_eval's <c>-M</c>, 1,000 by default) before anything is measured;</item>
/// <item>ties in score are broken by document id, in descending order of the ids' ordinal strings, as trec_eval sorts;</item>
/// <item>nDCG's gain is the judged level itself, discounted by log2(rank + 1), against the ideal ordering of all judged documents;</item>
/// <item>P@k divides by k even when fewer were retrieved; recall and average precision divide by the query's relevant documents;</item>
/// <item>the averages run over the judged queries, each counted once; a judged query without relevant documents scores 0.</item>
/// </list>
/// </summary>
public static class RetrievalMetrics
{
    /// <summary>The measures of one query's ranking against its judgements.</summary>
    public static RetrievalScores Score(IReadOnlyList<RankedDocument> ranking, IReadOnlyDictionary<string, int> judged, int cutoff, int depth = 1000)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(cutoff, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(depth, 1);
        var ranked = TrecOrder(ranking, depth);
        var relevant = judged.Count(j => j.Value >= 1);
        double precisionSum = 0, reciprocal = 0, dcg = 0;
        int found = 0, foundAtCut = 0;
        for (var i = 0; i < ranked.Count; i++)
        {
            var level = judged.GetValueOrDefault(ranked[i].DocumentId);
            if (level < 1)
            {
                continue;
            }
            found++;
            precisionSum += found / (double)(i + 1);
            if (reciprocal == 0)
            {
                reciprocal = 1.0 / (i + 1);
            }
            if (i < cutoff)
            {
                foundAtCut++;
                dcg += level / Math.Log2(i + 2);
            }
        }
        var ideal = judged.Values.Where(v => v >= 1).OrderDescending().Take(cutoff).Select((level, i) => level / Math.Log2(i + 2)).Sum();
        return new RetrievalScores(
            1,
            relevant == 0 ? 0 : precisionSum / relevant,
            reciprocal,
            ideal == 0 ? 0 : dcg / ideal,
            foundAtCut / (double)cutoff,
            relevant == 0 ? 0 : foundAtCut / (double)relevant,
            cutoff);
    }

    /// <summary>The measures averaged over every judged query; a judged query with no ranking scores 0.</summary>
    public static RetrievalScores Average(IReadOnlyDictionary<string, IReadOnlyList<RankedDocument>> rankings, RelevanceJudgements judgements, int cutoff, int depth = 1000)
    {
        var scores = judgements.Queries
            .Select(q => Score(rankings.TryGetValue(q, out var ranking) ? ranking : [], judgements.Of(q), cutoff, depth))
            .ToList();
        double Mean(Func<RetrievalScores, double> measure) => scores.Count == 0 ? 0 : scores.Average(measure);
        return new RetrievalScores(scores.Count, Mean(s => s.MeanAveragePrecision), Mean(s => s.ReciprocalRank), Mean(s => s.Ndcg), Mean(s => s.Precision), Mean(s => s.Recall), cutoff);
    }

    /// <summary>The ranking as trec_eval reads it: by score, ties by document id descending, cut at <paramref name="depth"/>.</summary>
    public static List<RankedDocument> TrecOrder(IEnumerable<RankedDocument> ranking, int depth) =>
        [.. ranking
            .OrderByDescending(r => r.Score)
            .ThenByDescending(r => r.DocumentId, StringComparer.Ordinal)
            .Take(depth)];
}
