using Workbench.Evaluation.Retrieval;

namespace Workbench.Evaluation.Tests.Retrieval;

public sealed class RetrievalMetricsTests
{
    private static readonly Dictionary<string, int> Judged = new() { ["d1"] = 2, ["d3"] = 1, ["d5"] = 0, ["d7"] = 3 };

    private static readonly RankedDocument[] Ranking = [new("d3", 0.9), new("d1", 0.8), new("d2", 0.8), new("d5", 0.5)];

    [Fact]
    public void One_query_is_measured_as_trec_eval_does_with_ties_broken_by_descending_document_id()
    {
        // The tie at 0.8 puts d2 before d1 (trec_eval sorts tied documents by id, descending): d3 d2 d1 d5.
        var scores = RetrievalMetrics.Score(Ranking, Judged, cutoff: 3);

        // Relevant: d1, d3, d7 (d5 is judged 0). Found at ranks 1 and 3: AP = (1/1 + 2/3) / 3.
        Assert.Equal((1 + (2.0 / 3)) / 3, scores.MeanAveragePrecision, 12);
        Assert.Equal(1.0, scores.ReciprocalRank);
        // DCG@3 = 1/log2(2) + 0 + 2/log2(4) = 2; ideal = 3 + 2/log2(3) + 1/log2(4).
        Assert.Equal(2 / (3 + (2 / Math.Log2(3)) + 0.5), scores.Ndcg, 12);
        Assert.Equal(2.0 / 3, scores.Precision, 12);
        Assert.Equal(2.0 / 3, scores.Recall, 12);
    }

    [Fact]
    public void Depth_cuts_the_ranking_before_anything_is_measured_and_precision_divides_by_k()
    {
        var scores = RetrievalMetrics.Score(Ranking, Judged, cutoff: 10, depth: 2);

        // Only d3 d2 are seen: AP = (1/1) / 3; P@10 = 1/10 however few were retrieved.
        Assert.Equal(1.0 / 3, scores.MeanAveragePrecision, 12);
        Assert.Equal(0.1, scores.Precision, 12);
        Assert.Equal(1.0 / 3, scores.Recall, 12);
    }

    [Fact]
    public void The_average_runs_over_judged_queries_and_a_query_without_relevant_documents_or_results_scores_zero()
    {
        var judgements = new RelevanceJudgements();
        foreach (var (document, level) in Judged)
        {
            judgements.Add("q1", document, level);
        }
        judgements.Add("q2", "d9", 0);
        judgements.Add("q3", "d1", 1);
        var rankings = new Dictionary<string, IReadOnlyList<RankedDocument>> { ["q1"] = Ranking, ["q2"] = [new("d9", 1)], ["q4"] = [new("d1", 1)] };

        var average = RetrievalMetrics.Average(rankings, judgements, cutoff: 3);

        Assert.Equal(3, average.Queries);
        Assert.Equal((1 + (2.0 / 3)) / 3 / 3, average.MeanAveragePrecision, 12);
        Assert.Equal(1.0 / 3, average.ReciprocalRank, 12);
    }

    [Fact]
    public void Qrels_are_read_in_trec_format_and_as_a_tsv_with_a_header_and_a_bad_line_is_named()
    {
        using var folder = new TempFolder();
        var trec = RelevanceJudgements.Read(folder.Write("qrels.txt", "1 0 184 2\n1 0 29 0\n2 0 12 1\n"));
        var tsv = RelevanceJudgements.Read(folder.Write("qrels.tsv", "query_id\tdoc_id\trelevance\n1\t184\t2\n1\t29\t0\n2\t12\t1\n"));

        foreach (var judgements in new[] { trec, tsv })
        {
            Assert.Equal(["1", "2"], judgements.Queries.Order(StringComparer.Ordinal));
            Assert.Equal(2, judgements.Of("1")["184"]);
            Assert.Equal(0, judgements.Of("1")["29"]);
        }
        var error = Assert.Throws<FormatException>(() => RelevanceJudgements.Read(folder.Write("bad.tsv", "1 0 184 2\n1 184 high\n")));
        Assert.Contains("bad.tsv:2:", error.Message, StringComparison.Ordinal);
    }
}
