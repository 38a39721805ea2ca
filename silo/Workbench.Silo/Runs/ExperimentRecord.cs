using System.Text.Json;
using Workbench.Grains.Experiments;

namespace Workbench.Silo.Runs;

/// <summary>A run's summary as its experiment keeps it.</summary>
internal static class ExperimentRecord
{
    public static ExperimentRun Of(RunSummary summary, DateTimeOffset finishedAt) => new(
        summary.RunId,
        finishedAt,
        summary.Status,
        summary.Provenance?.SpecHash ?? "",
        summary.Provenance?.DatasetHash,
        summary.Provenance is null ? "{}" : JsonSerializer.Serialize(summary.Provenance, SummaryJsonContext.Default.RunProvenance),
        [.. summary.Variants.SelectMany(v => v.Scores.Select(s => new ExperimentScore(v.Name, v.PromptHash, s.Scorer, s.Count, s.Mean, s.Low, s.High)))],
        [.. (summary.Comparisons ?? []).Select(c => c.Verdict)]);
}
