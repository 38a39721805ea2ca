namespace Workbench.Evaluation.Statistics;

/// <summary>One pair of variants compared on one score, with its p-value adjusted over the whole run.</summary>
/// <param name="Score">The scorer id.</param>
/// <param name="A">The index of the first variant (the baseline of the pair).</param>
/// <param name="B">The index of the variant compared with it.</param>
/// <param name="Comparison">B against A on the rows both have.</param>
/// <param name="AdjustedPValue">Holm's adjustment over every comparison in the run.</param>
public sealed record VariantComparison(string Score, int A, int B, PairedComparison Comparison, double AdjustedPValue);

/// <summary>
/// Collects each variant's per-row scores as a run's cells arrive, compactly (a row number and a float
/// per score), and at the end compares every pair of variants on every score: rows are those that every
/// variant scored, repeats are averaged within a row, the bootstrap draws are shared by all pairs of a
/// score (one pass over the rows per draw), and the p-values are adjusted by Holm over the run.
/// </summary>
public sealed class VariantComparisons(int variants, IReadOnlyList<string> scores)
{
    private readonly List<long>[] _rows = [.. Enumerable.Range(0, variants).Select(_ => new List<long>())];
    private readonly List<float>[,] _values = Values(variants, scores.Count);

    /// <summary>Records one cell: its row, and each score's value (NaN when it has none).</summary>
    public void Add(int variant, long row, ReadOnlySpan<double> values)
    {
        _rows[variant].Add(row);
        for (var s = 0; s < scores.Count; s++)
        {
            _values[variant, s].Add((float)values[s]);
        }
    }

    /// <summary>Every pair of variants on every score, in order (A before B), Holm-adjusted together.</summary>
    public IReadOnlyList<VariantComparison> Compare(double confidence = 0.95, int resamples = Bootstrap.DefaultResamples, ulong seed = 0)
    {
        var found = new List<(string Score, int A, int B, PairedComparison Comparison)>();
        if (variants < 2)
        {
            return [];
        }
        for (var s = 0; s < scores.Count; s++)
        {
            var perVariant = Enumerable.Range(0, variants).Select(v => RowMeans(v, s)).ToList();
            var shared = perVariant.Select(p => p.Keys).Aggregate((IEnumerable<long>)perVariant[0].Keys, (all, keys) => all.Intersect(keys)).Order().ToArray();
            if (shared.Length < 2)
            {
                continue;
            }
            var columns = perVariant.Select(p => shared.Select(row => p[row].Mean).ToArray()).ToList();
            var binary = perVariant.All(p => shared.All(row => p[row].Count == 1)) && columns.All(c => c.All(v => v is 0.0 or 1.0));
            var draws = Bootstrap.ResampledMeans(columns, resamples, seed);
            for (var a = 0; a < variants; a++)
            {
                for (var b = a + 1; b < variants; b++)
                {
                    var spread = RepeatSpread(shared, perVariant[a], perVariant[b]);
                    found.Add((scores[s], a, b, PairedComparison.From(columns[a], columns[b], binary, draws, a, b, variants, confidence, spread)));
                }
            }
        }
        var adjusted = HolmBonferroni.Adjust([.. found.Select(f => f.Comparison.Test.PValue)]);
        return [.. found.Select((f, i) => new VariantComparison(f.Score, f.A, f.B, f.Comparison, adjusted[i]))];
    }

    private Dictionary<long, (double Mean, int Count, double Squares)> RowMeans(int variant, int score)
    {
        var rows = _rows[variant];
        var values = _values[variant, score];
        var sums = new Dictionary<long, (double Sum, int Count, double SumOfSquares)>();
        for (var i = 0; i < rows.Count; i++)
        {
            double value = values[i];
            if (double.IsNaN(value))
            {
                continue;
            }
            sums.TryGetValue(rows[i], out var sum);
            sums[rows[i]] = (sum.Sum + value, sum.Count + 1, sum.SumOfSquares + (value * value));
        }
        return sums.ToDictionary(p => p.Key, p =>
        {
            var mean = p.Value.Sum / p.Value.Count;
            return (mean, p.Value.Count, Math.Max(0.0, p.Value.SumOfSquares - (p.Value.Count * mean * mean)));
        });
    }

    private static double? RepeatSpread(long[] shared, Dictionary<long, (double Mean, int Count, double Squares)> a, Dictionary<long, (double Mean, int Count, double Squares)> b) =>
        PairedComparison.PooledRepeatSpread(shared.SelectMany(row => new[] { a[row], b[row] }).Select(side => (side.Count, side.Squares)));

    private static List<float>[,] Values(int variants, int scores)
    {
        var values = new List<float>[variants, scores];
        for (var v = 0; v < variants; v++)
        {
            for (var s = 0; s < scores; s++)
            {
                values[v, s] = [];
            }
        }
        return values;
    }
}
