namespace Workbench.Evaluation.Retrieval;

/// <summary>The retrieval measures of a run, averaged over its queries (or of one query).</summary>
/// <param name="Queries">Queries averaged.</param>
/// <param name="MeanAveragePrecision">MAP (trec_eval's <c>map</c>).</param>
/// <param name="ReciprocalRank">MRR (trec_eval's <c>recip_rank</c>).</param>
/// <param name="Ndcg">nDCG at the cut-off (trec_eval's <c>ndcg_cut_K</c>).</param>
/// <param name="Precision">Precision at the cut-off (<c>P_K</c>).</param>
/// <param name="Recall">Recall at the cut-off (<c>recall_K</c>).</param>
/// <param name="Cutoff">K.</param>
public sealed record RetrievalScores(int Queries, double MeanAveragePrecision, double ReciprocalRank, double Ndcg, double Precision, double Recall, int Cutoff);
