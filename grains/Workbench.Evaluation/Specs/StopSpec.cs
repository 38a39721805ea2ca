namespace Workbench.Evaluation.Specs;

/// <summary>
/// <c>stop: {when: decided, alpha: 0.05, score: f1}</c>: stop spending on model calls once every pair of
/// variants differs on <paramref name="Score"/> by an always-valid sequential test at level
/// <paramref name="Alpha"/> (split over the pairs).
/// </summary>
/// <param name="Alpha">The false-positive rate the test keeps however often it is checked.</param>
/// <param name="Score">The scorer id the decision is made on.</param>
/// <param name="Line">Where the rule is written.</param>
public sealed record StopSpec(double Alpha, string Score, int Line);
