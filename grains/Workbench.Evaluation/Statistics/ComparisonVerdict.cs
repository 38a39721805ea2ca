using System.Globalization;

namespace Workbench.Evaluation.Statistics;

/// <summary>A paired comparison in plain words.</summary>
public static class ComparisonVerdict
{
    /// <summary>
    /// "B is better on f1 by 0.061 [0.042, 0.080], p &lt; 0.001 (Holm)", or "No significant difference
    /// between B and A on f1: ..." when <paramref name="pValue"/> is at least <paramref name="alpha"/>.
    /// </summary>
    public static string Of(PairedComparison comparison, string score, double pValue, string? adjustment, string a = "A", string b = "B", double alpha = 0.05)
    {
        var p = pValue < 0.001 ? "p < 0.001" : $"p = {pValue.ToString("0.###", CultureInfo.InvariantCulture)}";
        var suffix = adjustment is null ? "" : $" ({adjustment})";
        if (pValue >= alpha)
        {
            return $"No significant difference between {b} and {a} on {score}: {Format(comparison.Difference)} [{Format(comparison.Interval.Lower)}, {Format(comparison.Interval.Upper)}], {p}{suffix}";
        }
        if (comparison.Difference > 0)
        {
            return $"{b} is better on {score} by {Format(comparison.Difference)} [{Format(comparison.Interval.Lower)}, {Format(comparison.Interval.Upper)}], {p}{suffix}";
        }
        // Said of A, the difference and its interval change sign.
        return $"{a} is better on {score} by {Format(-comparison.Difference)} [{Format(-comparison.Interval.Upper)}, {Format(-comparison.Interval.Lower)}], {p}{suffix}";
    }

    private static string Format(double value) => value.ToString("0.000", CultureInfo.InvariantCulture);
}
