namespace Workbench.Silo.Runs;

/// <summary>One scorer's figures over one variant's cells.</summary>
/// <param name="Scorer">The scorer id.</param>
/// <param name="Metric">The metric.</param>
/// <param name="Count">Cells scored.</param>
/// <param name="Mean">Mean score.</param>
/// <param name="Low">Lower end of the 95% confidence interval of the mean: Wilson for pass/fail scores; a seeded BCa bootstrap over rows up to 10,000 rows, Student t past that.</param>
/// <param name="High">Upper end of that interval.</param>
/// <param name="PassRate">Share of scored cells that passed, when the scorer has a threshold.</param>
/// <param name="Errors">Cells this scorer could not score.</param>
/// <param name="Corpus">The corpus-level score (BLEU, chrF), when the metric has one.</param>
public sealed record ScoreSummary(string Scorer, string Metric, long Count, double? Mean, double? Low, double? High, double? PassRate, long Errors, double? Corpus);
