namespace Workbench.Silo.Runs;

/// <summary>Where the early-stopping test of one pair of variants stood when the run ended.</summary>
/// <param name="Scorer">The score the rule decides on.</param>
/// <param name="A">The first variant.</param>
/// <param name="B">The variant compared with it.</param>
/// <param name="Alpha">This pair's level: the rule's α split over the pairs.</param>
/// <param name="Rows">Rows the test saw.</param>
/// <param name="Difference">B - A over those rows.</param>
/// <param name="Low">Lower end of the confidence sequence for the difference (valid at every look).</param>
/// <param name="High">Upper end of that sequence.</param>
/// <param name="PValue">The always-valid p-value.</param>
/// <param name="Decided">Whether the test rejected "no difference".</param>
public sealed record SequentialSummary(string Scorer, string A, string B, double Alpha, long Rows, double Difference, double? Low, double? High, double PValue, bool Decided);
