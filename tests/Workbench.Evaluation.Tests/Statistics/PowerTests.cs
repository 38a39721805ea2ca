using Workbench.Evaluation.Statistics;

namespace Workbench.Evaluation.Tests.Statistics;

// The normal-approximation sample size of a two-sided test of a mean (paired) difference (e.g. Chow, Shao
// and Wang, Sample Size Calculations in Clinical Research, ch. 3): n = ((z₀.₉₇₅ + z₀.₈) σ / δ)², with z₀.₉₇₅ = 1.959964 and
// z₀.₈ = 0.841621 (R: qnorm(0.975), qnorm(0.8)), so z₀.₉₇₅ + z₀.₈ = 2.801585.
public sealed class PowerTests
{
    [Fact]
    public void Rows_needed_for_half_a_standard_deviation_at_80_percent_power()
    {
        // (2.801585 · 1 / 0.5)² = 31.396, rounded up to 32 rows.
        Assert.Equal(32, Power.RowsNeeded(1.0, 0.5));
    }

    [Fact]
    public void Minimum_detectable_effect_over_a_hundred_rows()
    {
        // 2.801585 · 1 / √100 = 0.2801585.
        Assert.Equal(0.2801585, Power.MinimumDetectableEffect(1.0, 100), 1e-6);
    }

    [Fact]
    public void Rows_needed_and_detectable_effect_invert_each_other()
    {
        // δ = 2.801585 σ / √n and n = (2.801585 σ / δ)²: at σ = 2 and 400 rows, δ = 0.2801585, and that δ needs 400 rows.
        var effect = Power.MinimumDetectableEffect(2.0, 400);

        Assert.Equal(0.2801585, effect, 1e-6);
        Assert.Equal(400, Power.RowsNeeded(2.0, effect * (1 + 1e-12)));
    }

    [Fact]
    public void No_effect_and_no_rows_are_the_limits()
    {
        Assert.Equal(long.MaxValue, Power.RowsNeeded(1.0, 0.0));
        Assert.Equal(double.PositiveInfinity, Power.MinimumDetectableEffect(1.0, 0));
    }
}
