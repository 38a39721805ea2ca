using Workbench.Evaluation.Statistics;

namespace Workbench.Evaluation.Tests.Statistics;

// The mixture SPRT's guarantee (Robbins 1970; Johari, Pekelis and Walsh 2017, "Always valid inference"):
// under the null, P(the test ever rejects) ≤ α however often it is checked; and its confidence
// sequence covers the true mean at every n at once, so at any stopping time, with probability ≥ 1 - α.
// The simulations check those published properties, after every single row, on seeded streams.
public sealed class MixtureSequentialTestTests
{
    private const int Streams = 1000;
    private const int RowsPerStream = 2000;
    private const double Alpha = 0.05;

    [Fact]
    public void Under_the_null_normal_differences_are_ever_decided_in_at_most_alpha_of_streams()
    {
        var random = new Random(1001);

        var decided = EverDecided(() => Simulation.Normal(random));

        var rate = decided / (double)Streams;
        // At most α = 0.05, with 0.01 for simulation error (the binomial standard error at 0.05 is 0.007).
        Assert.True(rate <= 0.06, $"{decided} of {Streams} null streams decided (rate {rate}), above α = {Alpha}");
    }

    [Fact]
    public void Under_the_null_binary_differences_with_equal_pass_rates_are_ever_decided_in_at_most_alpha_of_streams()
    {
        // Both variants pass with probability 0.7, independently: the differences B - A are -1, 0 or 1 with mean 0.
        var random = new Random(2002);

        var decided = EverDecided(() => Simulation.Bernoulli(random, 0.7) - Simulation.Bernoulli(random, 0.7));

        var rate = decided / (double)Streams;
        Assert.True(rate <= 0.06, $"{decided} of {Streams} null streams decided (rate {rate}), above α = {Alpha}");
    }

    [Fact]
    public void A_difference_of_three_tenths_of_a_standard_deviation_is_decided_early_and_the_interval_covers_it()
    {
        const double TrueMean = 0.3;
        var random = new Random(3003);
        var decided = 0;
        var covered = 0;
        var stops = new List<double>();
        for (var s = 0; s < Streams; s++)
        {
            var test = new MixtureSequentialTest(Alpha);
            for (var row = 0; row < RowsPerStream && !test.Decided; row++)
            {
                test.Add(TrueMean + Simulation.Normal(random));
            }
            decided += test.Decided ? 1 : 0;
            stops.Add(test.Rows);
            // The confidence sequence holds at the stopping time too: the run stops on the first decision and reports this interval.
            covered += test.Interval().Contains(TrueMean) ? 1 : 0;
        }

        var decidedRate = decided / (double)Streams;
        var coverage = covered / (double)Streams;
        var medianStop = Simulation.Median(stops);
        Assert.True(decidedRate > 0.90, $"only {decided} of {Streams} streams decided");
        Assert.True(medianStop < 500, $"median stopping row {medianStop} of {RowsPerStream}");
        Assert.True(coverage >= 0.95, $"the interval at the stopping row covered the true mean in {coverage} of streams");
    }

    [Fact]
    public void Nothing_is_decided_before_the_minimum_rows()
    {
        // Differences of exactly 1 with a little noise would reject at once; the test waits for the variance to settle.
        var test = new MixtureSequentialTest();
        for (var i = 0; i < MixtureSequentialTest.MinimumRows - 1; i++)
        {
            test.Add(1.0 + (0.01 * (i % 3)));
        }

        Assert.False(test.Decided);
        Assert.Equal(1.0, test.PValue);
    }

    /// <summary>How many of the simulated streams are decided at any row, checked after each.</summary>
    private static int EverDecided(Func<double> difference)
    {
        var decided = 0;
        for (var s = 0; s < Streams; s++)
        {
            var test = new MixtureSequentialTest(Alpha);
            for (var row = 0; row < RowsPerStream; row++)
            {
                test.Add(difference());
                if (test.Decided)
                {
                    decided++;
                    break;
                }
            }
        }
        return decided;
    }
}
