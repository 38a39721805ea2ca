using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Workbench.Evaluation.Retrieval;
using Workbench.Evaluation.Specs;

namespace Workbench.Evaluation.Scoring;

/// <summary>
/// <c>faithfulness</c>, as RAGAS defines it: the share of the output's claims that the retrieved context
/// supports. The judge lists the output's claims, one verdict per line; Workbench counts them, so the
/// score is the judge's verdicts, not a number it made up. An output without claims, or a reply without
/// verdicts, is an error for that cell, never a score.
/// </summary>
public sealed partial class FaithfulnessScorer(ScorerSpec spec) : ContextJudgeScorer(spec)
{
    /// <inheritdoc />
    protected override string System => "You check whether statements are supported by a given context. You use only the context, never your own knowledge.";

    /// <inheritdoc />
    protected override string Prompt(ScoringInput input, RetrievedContext context) => new StringBuilder()
            .AppendLine("Context:")
            .AppendLine("<<<")
            .AppendLine(context.Formatted)
            .AppendLine(">>>")
            .AppendLine("Output:")
            .AppendLine("<<<")
            .AppendLine(input.Output)
            .AppendLine(">>>")
            .AppendLine("Break the output into its factual claims, each a short standalone sentence. For each claim write one line:")
            .AppendLine("`CLAIM: <the claim> | VERDICT: SUPPORTED` when the context states or directly implies it, or")
            .AppendLine("`CLAIM: <the claim> | VERDICT: UNSUPPORTED` when the context does not, or contradicts it.")
            .AppendLine("When the output makes no factual claim, reply `NO CLAIMS`.")
            .ToString();

    /// <summary>Counts the supported claims of a verdict.</summary>
    public override Score Parse(string verdict)
    {
        var verdicts = Verdict().Matches(verdict).Select(m => m.Groups["v"].Value.ToUpperInvariant()).ToList();
        if (verdicts.Count == 0)
        {
            return NoClaims().IsMatch(verdict)
                ? Score.Failed("the judge found no factual claims in the output, so faithfulness is undefined")
                : Score.Failed($"the judge's reply has no `VERDICT:` lines: \"{JudgeReply.Excerpt(verdict)}\"");
        }
        var supported = verdicts.Count(v => v == "SUPPORTED");
        return Result((double)supported / verdicts.Count,
            string.Create(CultureInfo.InvariantCulture, $"{supported} of {verdicts.Count} claims supported by the context"),
            new Dictionary<string, double> { ["supported"] = supported, ["claims"] = verdicts.Count });
    }

    [GeneratedRegex(@"verdict\s*[:=]\s*\**\s*(?<v>unsupported|supported)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Verdict();

    [GeneratedRegex(@"\bno\s+claims\b", RegexOptions.IgnoreCase)]
    private static partial Regex NoClaims();
}
