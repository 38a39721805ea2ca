namespace Workbench.Evaluation.Statistics;

/// <summary>Average ranks (ties share the mean of their ranks, from 1) and the sizes of tied groups.</summary>
internal static class Ranks
{
    /// <summary>The ranks of <paramref name="values"/> in their own order, and Σ(t³ - t) over tied groups of size t.</summary>
    public static (double[] Ranks, double TieTerm, bool HasTies) Of(IReadOnlyList<double> values)
    {
        var order = Enumerable.Range(0, values.Count).ToArray();
        Array.Sort(order, (a, b) => values[a].CompareTo(values[b]));
        var ranks = new double[values.Count];
        var tieTerm = 0.0;
        var hasTies = false;
        for (var start = 0; start < order.Length;)
        {
            var end = start;
            while (end + 1 < order.Length && values[order[end + 1]] == values[order[start]])
            {
                end++;
            }
            var rank = ((start + end) / 2.0) + 1.0;
            for (var i = start; i <= end; i++)
            {
                ranks[order[i]] = rank;
            }
            double t = end - start + 1;
            if (t > 1)
            {
                hasTies = true;
                tieTerm += (t * t * t) - t;
            }
            start = end + 1;
        }
        return (ranks, tieTerm, hasTies);
    }
}
