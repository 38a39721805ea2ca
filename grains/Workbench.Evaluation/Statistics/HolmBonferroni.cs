namespace Workbench.Evaluation.Statistics;

/// <summary>
/// Holm's step-down adjustment (Holm 1979) of p-values for many comparisons at once, controlling the
/// family-wise error rate; as R's <c>p.adjust(method = "holm")</c>.
/// </summary>
public static class HolmBonferroni
{
    /// <summary>
    /// The adjusted p-values, in the order given: the i-th smallest becomes max over j ≤ i of
    /// min(1, (m - j + 1) p₍ⱼ₎). A NaN (a comparison without a p-value) stays NaN and, as in R, is not
    /// counted among the m tests.
    /// </summary>
    public static double[] Adjust(IReadOnlyList<double> pValues)
    {
        var adjusted = new double[pValues.Count];
        var order = Enumerable.Range(0, pValues.Count).Where(i => !double.IsNaN(pValues[i])).OrderBy(i => pValues[i]).ToArray();
        var m = order.Length;
        var running = 0.0;
        for (var i = 0; i < pValues.Count; i++)
        {
            adjusted[i] = double.NaN;
        }
        for (var rank = 0; rank < m; rank++)
        {
            var i = order[rank];
            running = Math.Max(running, Math.Min(1.0, (m - rank) * pValues[i]));
            adjusted[i] = running;
        }
        return adjusted;
    }
}
