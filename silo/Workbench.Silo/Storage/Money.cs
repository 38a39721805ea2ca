namespace Workbench.Silo.Storage;

/// <summary>
/// Money as the store keeps it: whole pico-units (10⁻¹² of the currency) in a 64-bit integer, so sums
/// are exact and a budget never drifts the way floating-point totals do. That covers any price given
/// to six decimals per 1,000 tokens, and totals up to nine million.
/// </summary>
public static class Money
{
    private const decimal PicoPerUnit = 1_000_000_000_000m;

    /// <summary>The amount in pico-units, rounded half away from zero at the twelfth decimal.</summary>
    public static long ToPico(decimal amount) => (long)Math.Round(amount * PicoPerUnit, MidpointRounding.AwayFromZero);

    /// <summary>The amount of <paramref name="pico"/> pico-units.</summary>
    public static decimal FromPico(long pico) => pico / PicoPerUnit;
}
