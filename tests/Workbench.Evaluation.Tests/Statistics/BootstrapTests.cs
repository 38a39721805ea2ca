using Workbench.Evaluation.Statistics;

namespace Workbench.Evaluation.Tests.Statistics;

public sealed class BootstrapTests
{
    // scipy/scipy, scipy/stats/tests/test_resampling.py, test_bootstrap_against_R: the data of R's boot
    // example, whose mean is 52.6125.
    private static readonly double[] Data = [10, 12, 12.5, 12.5, 13.9, 15, 21, 22, 23, 34, 50, 81, 89, 121, 134, 213];

    [Theory]
    // Same test: R's boot(x, function(x, a) mean(x[a]), 1000000) and boot.ci(...) give these 95% intervals,
    // which SciPy matches at rtol 0.005 with a million resamples. With 100,000 resamples the Monte Carlo
    // error of a bound is about 0.5% (the 2.5% quantile of a mean whose standard error is 15 moves by about
    // 0.13), so the tolerance is 1.5%, three of those.
    [InlineData(BootstrapMethod.Basic, 23.77, 79.12)]
    [InlineData(BootstrapMethod.Percentile, 28.86, 84.21)]
    [InlineData(BootstrapMethod.Bca, 32.31, 91.43)]
    public void Mean_interval_matches_R_boot_as_published_by_SciPy(BootstrapMethod method, double lower, double upper)
    {
        var interval = Bootstrap.MeanInterval(Data, method, 0.95, resamples: 100_000, seed: 12345);

        AssertRelative(lower, interval.Lower, 0.015, "lower");
        AssertRelative(upper, interval.Upper, 0.015, "upper");
    }

    [Fact]
    public void The_same_seed_gives_the_same_interval()
    {
        var first = Bootstrap.MeanInterval(Data, BootstrapMethod.Bca, seed: 42);
        var second = Bootstrap.MeanInterval(Data, BootstrapMethod.Bca, seed: 42);

        Assert.Equal(first, second);
    }

    [Fact]
    public void Different_seeds_give_different_intervals()
    {
        var first = Bootstrap.MeanInterval(Data, BootstrapMethod.Percentile, seed: 1);
        var second = Bootstrap.MeanInterval(Data, BootstrapMethod.Percentile, seed: 2);

        Assert.NotEqual(first, second);
    }

    [Fact]
    public void Percentile_interval_of_the_mean_covers_the_true_mean_of_normal_samples_about_95_percent_of_the_time()
    {
        // 500 samples of 60 from N(10, 2²), 1,000 resamples each (2,000 take over five seconds in a debug build,
        // and move the coverage by a few tenths of a percent). The percentile interval's coverage for the mean of
        // normal data at n = 60 is a little under nominal (it is close to the t interval with z for t and a
        // (n-1)/n variance, about 94%); with 500 samples the binomial error of the estimate is 1%.
        const double TrueMean = 10.0;
        var random = new Random(20240611);
        var covered = 0;
        const int Datasets = 500;
        for (var d = 0; d < Datasets; d++)
        {
            var sample = new double[60];
            for (var i = 0; i < sample.Length; i++)
            {
                sample[i] = TrueMean + (2.0 * Simulation.Normal(random));
            }
            var interval = Bootstrap.MeanInterval(sample, BootstrapMethod.Percentile, 0.95, resamples: 1_000, seed: (ulong)d);
            covered += interval.Contains(TrueMean) ? 1 : 0;
        }

        var coverage = covered / (double)Datasets;
        Assert.True(coverage is >= 0.91 and <= 0.98, $"coverage {coverage} outside [0.91, 0.98]");
    }

    [Theory]
    // The bootstrap distribution of a mean has standard deviation σ̂/√n, σ̂ the plug-in (divide by n) standard
    // deviation of the data (Efron and Tibshirani 1993, §5.2). 500 rows use multinomial resampling, 12,000 the
    // Poisson bootstrap; with 2,000 draws the spread of the draws is within about 1.6% of its limit.
    [InlineData(500)]
    [InlineData(12_000)]
    public void Spread_of_resampled_means_is_the_standard_error_of_the_mean(int rows)
    {
        var random = new Random(7);
        var values = new double[rows];
        for (var i = 0; i < rows; i++)
        {
            values[i] = 3.0 + (1.5 * Simulation.Normal(random));
        }
        var mean = values.Average();
        var plugInSd = Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / rows);

        var draws = Bootstrap.ResampledMeans([values], resamples: 2_000, seed: 3);

        var drawMean = draws.Average();
        var drawSd = Math.Sqrt(draws.Sum(v => (v - drawMean) * (v - drawMean)) / (draws.Length - 1));
        AssertRelative(plugInSd / Math.Sqrt(rows), drawSd, 0.05, "spread of the draws");
        Assert.Equal(mean, drawMean, 4.0 * plugInSd / Math.Sqrt(rows) / Math.Sqrt(draws.Length));
    }

    [Theory]
    // Rows are resampled together, so a column that is another plus one has every draw's mean exactly one larger.
    [InlineData(200)]
    [InlineData(12_000)]
    public void Columns_are_resampled_by_row_so_pairs_stay_paired(int rows)
    {
        var random = new Random(11);
        var x = new double[rows];
        for (var i = 0; i < rows; i++)
        {
            x[i] = Simulation.Normal(random);
        }
        var y = x.Select(v => v + 1.0).ToArray();

        var draws = Bootstrap.ResampledMeans([x, y], resamples: 500, seed: 5);

        Assert.Equal(1000, draws.Length);
        for (var b = 0; b < 500; b++)
        {
            Assert.Equal(1.0, draws[(2 * b) + 1] - draws[2 * b], 1e-9);
        }
    }

    [Fact]
    public void Four_columns_of_many_rows_stay_paired_and_each_spreads_as_its_standard_error()
    {
        // Four columns take the vector path of the Poisson bootstrap: the same checks as above, on it.
        const int Rows = 12_000, Resamples = 2_000;
        var random = new Random(13);
        var x = new double[Rows];
        var other = new double[Rows];
        for (var i = 0; i < Rows; i++)
        {
            x[i] = Simulation.Normal(random);
            other[i] = 5.0 + (2.0 * Simulation.Normal(random));
        }
        double[][] columns = [x, [.. x.Select(v => v + 1.0)], other, [.. x.Select(v => 2.0 * v)]];

        var draws = Bootstrap.ResampledMeans(columns, Resamples, seed: 9);

        for (var b = 0; b < Resamples; b++)
        {
            Assert.Equal(1.0, draws[(4 * b) + 1] - draws[4 * b], 1e-9);
            Assert.Equal(2.0 * draws[4 * b], draws[(4 * b) + 3], 1e-9);
        }
        var otherDraws = Enumerable.Range(0, Resamples).Select(b => draws[(4 * b) + 2]).ToArray();
        var mean = other.Average();
        var plugInSd = Math.Sqrt(other.Sum(v => (v - mean) * (v - mean)) / Rows);
        var drawMean = otherDraws.Average();
        var drawSd = Math.Sqrt(otherDraws.Sum(v => (v - drawMean) * (v - drawMean)) / (Resamples - 1));
        AssertRelative(plugInSd / Math.Sqrt(Rows), drawSd, 0.05, "spread of the third column's draws");
    }

    [Fact]
    public void Rejects_an_empty_sample()
    {
        Assert.Throws<ArgumentException>(() => Bootstrap.MeanInterval([]));
    }

    private static void AssertRelative(double expected, double actual, double relativeTolerance, string what) =>
        Assert.True(
            Math.Abs(actual - expected) <= relativeTolerance * Math.Abs(expected),
            $"{what}: expected {expected:R}, got {actual:R} (relative tolerance {relativeTolerance})");
}
