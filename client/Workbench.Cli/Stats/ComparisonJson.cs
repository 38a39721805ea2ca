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
            ["rows_needed"] = comparison.RowsNeeded,
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
        json["verdict"] = ComparisonVerdict.Of(comparison, metric, comparison.Test.PValue, null);
        return json;
    }
}
