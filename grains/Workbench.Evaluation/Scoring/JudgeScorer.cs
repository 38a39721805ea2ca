using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Workbench.Evaluation.Specs;

namespace Workbench.Evaluation.Scoring;

/// <summary>
/// <c>judge</c>: asks another endpoint to grade the output against a rubric on a scale
/// (<c>min_score</c>–<c>max_score</c>, default 1–5), and reports the grade rescaled to 0–1 with the
/// judge's rationale. A verdict without a readable score is an error for that cell, never a zero.
/// </summary>
public sealed partial class JudgeScorer : Scorer
{
    private const string System = "You are a strict, fair grader of model outputs. You follow the rubric exactly.";

    private readonly string _endpoint;
    private readonly string _rubric;
    private readonly double _min;
    private readonly double _max;

    /// <summary>Reads the endpoint, rubric and scale; a scale whose top is not above its bottom is a spec error.</summary>
    public JudgeScorer(ScorerSpec spec, string specFile) : base(spec)
    {
        var parameters = new ScorerParameters(spec, specFile);
        _endpoint = spec.Parameters["endpoint"].Scalar!;
        _rubric = spec.Parameters["rubric"].Scalar!;
        _min = parameters.Number("min_score") ?? 1;
        _max = parameters.Number("max_score") ?? 5;
        parameters.ThrowIfInvalid();
        if (_max <= _min)
        {
            throw new SpecException(new SpecError(specFile, spec.Line, 0,
                $"scorer `{spec.Id}`: max_score ({_max}) must be above min_score ({_min}), for example `min_score: 1, max_score: 5`."));
        }
    }

    /// <summary>The endpoint that judges.</summary>
    public string Endpoint => _endpoint;

    /// <inheritdoc />
    public override bool CallsJudge => true;

    /// <inheritdoc />
    public override async ValueTask<Score> ScoreAsync(ScoringInput input, IJudge? judge, CancellationToken cancellationToken)
    {
        if (judge is null)
        {
            return Score.Failed("no judge is available in this context");
        }
        var prompt = new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture, $"Rubric: {_rubric}");
        if (ReferenceField is not null)
        {
            var (references, error) = References(input);
            if (error is not null)
            {
                return error;
            }
            prompt.AppendLine(CultureInfo.InvariantCulture, $"Reference answer(s): {string.Join(" | ", references!)}");
        }
        prompt.AppendLine("Output to grade:")
            .AppendLine("<<<")
            .AppendLine(input.Output)
            .AppendLine(">>>")
            .AppendLine(CultureInfo.InvariantCulture, $"Reply with one line `SCORE: <a number from {_min:0.##} to {_max:0.##}>` and one line `RATIONALE: <one or two sentences>`.");
        var verdict = await judge.AskAsync(_endpoint, System, prompt.ToString(), cancellationToken).ConfigureAwait(false);
        return Parse(verdict);
    }

    /// <summary>Reads the grade and rationale from a verdict, tolerating the usual ways judges write them.</summary>
    public Score Parse(string verdict)
    {
        double? grade = null;
        foreach (var pattern in new[] { ScoreLine(), JsonScore(), Fraction(), LeadingNumber() })
        {
            var match = pattern.Match(verdict);
            if (match.Success && double.TryParse(match.Groups["n"].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            {
                grade = value;
                break;
            }
        }
        var rationale = JudgeReply.Rationale(verdict) ?? verdict.Trim();
        if (grade is not { } g)
        {
            return new Score(null, null, $"the judge's verdict has no readable score: \"{JudgeReply.Excerpt(verdict)}\"", rationale);
        }
        if (g < _min || g > _max)
        {
            return new Score(null, null, $"the judge gave {g}, outside its scale {_min}–{_max}: \"{JudgeReply.Excerpt(verdict)}\"", rationale);
        }
        return Result((g - _min) / (_max - _min), rationale);
    }

    [GeneratedRegex(@"score\s*[:=]\s*\**\s*(?<n>-?\d+(?:\.\d+)?)", RegexOptions.IgnoreCase)]
    private static partial Regex ScoreLine();

    [GeneratedRegex(@"""score""\s*:\s*(?<n>-?\d+(?:\.\d+)?)", RegexOptions.IgnoreCase)]
    private static partial Regex JsonScore();

    [GeneratedRegex(@"(?<n>\d+(?:\.\d+)?)\s*/\s*\d+")]
    private static partial Regex Fraction();

    [GeneratedRegex(@"^\s*(?<n>\d+(?:\.\d+)?)\b")]
    private static partial Regex LeadingNumber();
}
