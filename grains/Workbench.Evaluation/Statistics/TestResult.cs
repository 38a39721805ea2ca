namespace Workbench.Evaluation.Statistics;

/// <summary>The outcome of a hypothesis test.</summary>
/// <param name="Statistic">The test statistic, in the convention of the test's reference implementation.</param>
/// <param name="PValue">The p-value, between 0 and 1.</param>
/// <param name="Method">How the p-value was computed (for example <c>exact</c> or <c>asymptotic</c>).</param>
public sealed record TestResult(double Statistic, double PValue, string Method);
