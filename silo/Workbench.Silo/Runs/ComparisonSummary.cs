namespace Workbench.Silo.Runs;

/// <summary>Two variants of a run compared on one score, B against A, on the rows every variant scored.</summary>
/// <param name="Scorer">The scorer id.</param>
/// <param name="A">The first variant (prompt × endpoint).</param>
/// <param name="B">The variant compared with it.</param>
/// <param name="Rows">The rows compared; repeats of a row are averaged, never counted as rows.</param>
/// <param name="MeanA">A's mean over those rows.</param>
/// <param name="MeanB">B's mean over those rows.</param>
/// <param name="Difference">B - A.</param>
/// <param name="Low">Lower end of the 95% paired-bootstrap interval of the difference.</param>
/// <param name="High">Upper end of that interval.</param>
/// <param name="Test">exact McNemar for pass/fail scores, paired t otherwise.</param>
/// <param name="PValue">The test's p-value.</param>
/// <param name="PHolm">The p-value after Holm's adjustment over every comparison in the run.</param>
/// <param name="WilcoxonPValue">The Wilcoxon signed-rank p-value, for continuous scores.</param>
/// <param name="EffectSize">Cohen's d of the paired differences; for pass/fail the difference in pass rates.</param>
/// <param name="MinimumDetectableEffect">The smallest difference these rows detect with 80% power at 5%.</param>
/// <param name="RowsNeeded">The rows a comparison would need to detect the difference seen here with 80% power at 5%; null when there is none.</param>
/// <param name="RepeatStandardDeviation">The spread across repeats of the same row, when rows were repeated.</param>
/// <param name="Verdict">The result in words.</param>
public sealed record ComparisonSummary(
    string Scorer,
    string A,
    string B,
    int Rows,
    double MeanA,
    double MeanB,
    double Difference,
    double Low,
    double High,
    string Test,
    double PValue,
    double PHolm,
    double? WilcoxonPValue,
    double EffectSize,
    double MinimumDetectableEffect,
    long? RowsNeeded,
    double? RepeatStandardDeviation,
    string Verdict);
