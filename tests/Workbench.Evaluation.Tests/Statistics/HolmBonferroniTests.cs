using Workbench.Evaluation.Statistics;

namespace Workbench.Evaluation.Tests.Statistics;

public sealed class HolmBonferroniTests
{
    [Fact]
    public void Matches_R_p_adjust_holm()
    {
        // R: p.adjust(c(0.01, 0.02, 0.03, 0.04, 0.05), "holm") gives 0.05 0.08 0.09 0.09 0.09
        // (5 · 0.01, 4 · 0.02, 3 · 0.03, then the running maximum holds 0.09 over 2 · 0.04 and 1 · 0.05).
        var adjusted = HolmBonferroni.Adjust([0.01, 0.02, 0.03, 0.04, 0.05]);

        AssertAll([0.05, 0.08, 0.09, 0.09, 0.09], adjusted);
    }

    [Fact]
    public void Adjusted_values_keep_the_order_of_the_input()
    {
        // The same p-values shuffled: each keeps its own adjusted value from R's p.adjust above.
        var adjusted = HolmBonferroni.Adjust([0.04, 0.01, 0.05, 0.03, 0.02]);

        AssertAll([0.09, 0.05, 0.09, 0.09, 0.08], adjusted);
    }

    [Fact]
    public void Adjusted_values_are_capped_at_one()
    {
        // R: p.adjust(c(0.3, 0.6), "holm") gives 0.6 0.6 (min(1, 2 · 0.3), then max(0.6, 0.6)), and
        // p.adjust(c(0.6, 0.7), "holm") gives 1 1.
        AssertAll([0.6, 0.6], HolmBonferroni.Adjust([0.3, 0.6]));
        AssertAll([1.0, 1.0], HolmBonferroni.Adjust([0.6, 0.7]));
    }

    [Fact]
    public void A_single_p_value_is_unchanged()
    {
        AssertAll([0.037], HolmBonferroni.Adjust([0.037]));
        Assert.Empty(HolmBonferroni.Adjust([]));
    }

    [Fact]
    public void A_missing_p_value_stays_missing_and_is_not_counted_as_R_does()
    {
        // R: p.adjust(c(0.01, NA, 0.03), "holm") gives 0.02 NA 0.03: two tests, not three.
        var adjusted = HolmBonferroni.Adjust([0.01, double.NaN, 0.03]);

        Assert.Equal(0.02, adjusted[0], 1e-12);
        Assert.True(double.IsNaN(adjusted[1]));
        Assert.Equal(0.03, adjusted[2], 1e-12);
    }

    private static void AssertAll(double[] expected, double[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i], actual[i], 1e-12);
        }
    }
}
