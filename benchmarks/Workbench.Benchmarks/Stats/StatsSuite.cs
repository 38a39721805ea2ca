using System.Diagnostics;
using Workbench.Evaluation.Statistics;

namespace Workbench.Benchmarks.Stats;

/// <summary>
/// <list type="bullet">
/// <item><c>stats_compare_ms_100k</c>: every comparison of 4 variants over 100,000 rows on one score
/// (6 pairs: paired-bootstrap intervals from 10,000 shared draws, paired t, Wilcoxon, Holm), as a run's
/// summary computes it;</item>
/// <item><c>sequential_calls_saved</c>: on simulated A/B streams with a true difference of 10 points in
/// pass rate (60% against 70%) over 5,000 rows, the share of model calls that stopping when the mixture
/// SPRT decides saves against running every row (averaged over 200 streams; with the share of streams
/// that decided wrongly, which must stay under α).</item>
/// </list>
/// </summary>
internal sealed class StatsSuite : IBenchmarkSuite
{
    public string Name => "stats";

    public Task<IReadOnlyList<Figure>> RunAsync(CancellationToken cancellationToken)
    {
        Console.WriteLine("  stats: comparing 4 variants over 100,000 rows...");
        var random = new Random(1);
        var comparisons = new VariantComparisons(4, ["f1"]);
        Span<double> value = stackalloc double[1];
        for (var row = 0L; row < 100_000; row++)
        {
            var difficulty = random.NextDouble();
            for (var variant = 0; variant < 4; variant++)
            {
                value[0] = Math.Clamp(difficulty + (0.02 * variant) + (0.2 * (random.NextDouble() - 0.5)), 0, 1);
                comparisons.Add(variant, row, value);
            }
        }
        comparisons.Compare(resamples: 200); // warm-up
        var clock = Stopwatch.StartNew();
        var result = comparisons.Compare(resamples: 10_000, seed: 1);
        var milliseconds = clock.Elapsed.TotalMilliseconds;
        if (result.Count != 6)
        {
            throw new InvalidOperationException($"expected 6 comparisons, found {result.Count}");
        }

        Console.WriteLine("  stats: simulated A/B streams with early stopping...");
        const int Streams = 200, Rows = 5_000;
        long used = 0, wrong = 0;
        for (var stream = 0; stream < Streams; stream++)
        {
            var test = new MixtureSequentialTest(0.05);
            var rows = Rows;
            for (var row = 0; row < Rows; row++)
            {
                var a = random.NextDouble() < 0.6 ? 1.0 : 0.0;
                var b = random.NextDouble() < 0.7 ? 1.0 : 0.0;
                test.Add(b - a);
                if (test.Decided)
                {
                    rows = row + 1;
                    wrong += test.Mean < 0 ? 1 : 0;
                    break;
                }
            }
            used += rows;
        }
        var saved = 1.0 - (used / (double)(Streams * (long)Rows));
        return Task.FromResult<IReadOnlyList<Figure>>(
        [
            Figure.AtMost("stats_compare_ms_100k", milliseconds, "ms", 2_000),
            new Figure("sequential_calls_saved", saved, "share"),
            new Figure("sequential_wrong_direction", wrong / (double)Streams, "share"),
        ]);
    }
}
