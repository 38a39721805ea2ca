using Workbench.Grains.Runs;

namespace Workbench.Silo.Runs;

/// <summary>How a run ended.</summary>
/// <param name="RunId">The run.</param>
/// <param name="Status">One of <see cref="RunStatus"/>.</param>
/// <param name="Summary">Figures per variant; null for a dry run.</param>
/// <param name="OutputFolder">Where results.jsonl, summary.json and report.html are.</param>
/// <param name="Error">Why the run failed, if it did.</param>
public sealed record RunOutcome(string RunId, string Status, RunSummary? Summary, string? OutputFolder, string? Error)
{
    /// <summary>The status of a run that goes on in the cluster after its follower stopped following.</summary>
    public const string Detached = "detached";

    /// <summary>0 success; 1 completed with errors or a pass rate under the spec's min_pass_rate; 3 interrupted or stopped early; 130 stopped following a run that goes on.</summary>
    public int ExitCode => Status switch
    {
        Detached => 130,
        RunStatus.Completed when Summary is { } summary && (summary.Variants.Any(v => v.Errors > 0) || summary.BelowMinPassRate) => 1,
        RunStatus.Completed => 0,
        RunStatus.Decided when Summary is { } summary && (summary.Variants.Any(v => v.Errors > 0) || summary.BelowMinPassRate) => 1,
        RunStatus.Decided => 0,
        RunStatus.Failed => 1,
        _ => 3,
    };
}
