using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Workbench.Evaluation.Retrieval;
using Workbench.Evaluation.Specs;

namespace Workbench.Evaluation.Scoring;

/// <summary>
/// <c>context_relevance</c>, on RAGAS's scale: the judge rates how well the retrieved context serves the
/// question (the retrieval query as rendered for the row): 0 not relevant, 1 partly, 2 fully; the score
/// is the rating halved. A reply without a rating is an error for that cell.
/// </summary>
public sealed partial class ContextRelevanceScorer(ScorerSpec spec) : ContextJudgeScorer(spec)
{
    /// <inheritdoc />
    protected override string System => "You rate how relevant retrieved documents are to a question. You are strict and consistent.";

    /// <inheritdoc />
    protected override string Prompt(ScoringInput input, RetrievedContext context) => new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture, $"Question: {context.Query}")
            .AppendLine("Context:")
            .AppendLine("<<<")
            .AppendLine(context.Formatted)
            .AppendLine(">>>")
            .AppendLine("Rate the context for answering the question: 0 if it is not relevant, 1 if it is partly relevant or answers only part of it, 2 if it fully contains what an answer needs.")
            .AppendLine("Reply with one line `RATING: <0, 1 or 2>` and one line `RATIONALE: <one sentence>`.")
            .ToString();

    /// <summary>Reads the rating of a verdict.</summary>
    public override Score Parse(string verdict)
    {
        var match = Rating().Match(verdict);
        if (!match.Success)
        {
            return Score.Failed($"the judge's reply has no `RATING: 0|1|2` line: \"{JudgeReply.Excerpt(verdict)}\"");
        }
        var rating = int.Parse(match.Groups["n"].Value, CultureInfo.InvariantCulture);
        return Result(rating / 2.0, JudgeReply.Rationale(verdict));
    }

    [GeneratedRegex(@"rating\s*[:=]\s*\**\s*(?<n>[012])\b", RegexOptions.IgnoreCase)]
    private static partial Regex Rating();
}
