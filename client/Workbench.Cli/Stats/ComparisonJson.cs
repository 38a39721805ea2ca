using System.Globalization;
using System.Text.Json.Nodes;
using Workbench.Evaluation.Statistics;

namespace Workbench.Cli.Stats;

/// <summary>A paired comparison as JSON, with the sentence that says what it means.</summary>
internal static class ComparisonJson
{
    public static JsonObject Of(PairedComparison comparison, string metric, double confidence, int onlyA, int onlyB, int skipped)
    {
        var json = new JsonObject
        {
            ["metric"] = metric,
            ["rows"] = comparison.Rows,
            ["rows_only_in_a"] = onlyA,
            ["rows_only_in_b"] = onlyB,
            ["lines_without_metric"] = skipped,
            ["mean_a"] = comparison.MeanA,
            ["mean_b"] = comparison.MeanB,
            ["difference"] = comparison.Difference,
            ["confidence"] = confidence,
            ["low"] = comparison.Interval.Lower,
            ["high"] = comparison.Interval.Upper,
            ["interval_method"] = "paired bootstrap, percentile",
            ["test"] = comparison.Test.Method == "exact" ? "mcnemar-exact" : comparison.Test.Method,
            ["statistic"] = comparison.Test.Statistic,
            ["p_value"] = comparison.Test.PValue,
            ["effect_size"] = comparison.EffectSize,
            ["minimum_detectable_effect"] = comparison.MinimumDetectableEffect,
        };
        if (comparison.Wilcoxon is { } wilcoxon)
        {
            json["wilcoxon_statistic"] = wilcoxon.Statistic;
            json["wilcoxon_p_value"] = wilcoxon.PValue;
        }
        if (comparison.RepeatStandardDeviation is { } spread)
        {
            json["repeat_standard_deviation"] = spread;
        }
        json["verdict"] = Verdict(comparison, metric, comparison.Test.PValue, null);
        return json;
    }

    /// <summary>"B is better on f1 by 0.061 [0.042, 0.080], p &lt; 0.001", or that no difference was found.</summary>
    public static string Verdict(PairedComparison comparison, string metric, double pValue, string? adjustment, string a = "A", string b = "B", double alpha = 0.05)
    {
        var p = pValue < 0.001 ? "p < 0.001" : $"p = {pValue.ToString("0.###", CultureInfo.InvariantCulture)}";
        var suffix = adjustment is null ? "" : $" ({adjustment})";
        var interval = $"[{Format(comparison.Interval.Lower)}, {Format(comparison.Interval.Upper)}]";
        if (pValue >= alpha)
        {
            return $"No significant difference between {b} and {a} on {metric}: {Format(comparison.Difference)} {interval}, {p}{suffix}";
        }
        if (comparison.Difference > 0)
        {
            return $"{b} is better on {metric} by {Format(comparison.Difference)} {interval}, {p}{suffix}";
        }
        // Said of A, the difference and its interval change sign.
        return $"{a} is better on {metric} by {Format(-comparison.Difference)} [{Format(-comparison.Interval.Upper)}, {Format(-comparison.Interval.Lower)}], {p}{suffix}";
    }

    private static string Format(double value) => value.ToString("0.000", CultureInfo.InvariantCulture);
}
