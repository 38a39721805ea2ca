namespace Workbench.Silo.Runs;

/// <summary>A run's figures, as summary.json, the console table and the report show them.</summary>
/// <param name="RunId">The run.</param>
/// <param name="Name">The spec's name.</param>
/// <param name="Status">How it ended.</param>
/// <param name="Rows">Dataset rows.</param>
/// <param name="Cells">Cells written.</param>
/// <param name="Variants">Per prompt × endpoint.</param>
/// <param name="MinPassRate">The spec's gate, if any.</param>
public sealed record RunSummary(string RunId, string Name, string Status, long Rows, long Cells, IReadOnlyList<VariantSummary> Variants, double? MinPassRate)
{
    /// <summary>For a re-scored view: the run whose stored outputs were scored again.</summary>
    public string? SourceRun { get; init; }

    /// <summary>Where the numbers come from: spec and dataset hashes, prompt versions, endpoints without secrets, the Workbench version.</summary>
    public RunProvenance? Provenance { get; init; }

    /// <summary>Every pair of variants compared on every score (none with a single variant).</summary>
    public IReadOnlyList<ComparisonSummary>? Comparisons { get; init; }

    /// <summary>The early-stopping tests, when the spec has a <c>stop</c> rule.</summary>
    public IReadOnlyList<SequentialSummary>? Sequential { get; init; }

    /// <summary>Whether some variant's pass rate is under the spec's gate.</summary>
    public bool BelowMinPassRate => MinPassRate is { } gate && Variants.Any(v => v.PassRate is { } rate && rate < gate);
}
