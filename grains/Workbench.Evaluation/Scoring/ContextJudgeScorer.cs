using Workbench.Evaluation.Retrieval;
using Workbench.Evaluation.Specs;

namespace Workbench.Evaluation.Scoring;

/// <summary>A metric that asks a judge endpoint about the documents a cell was given (<c>faithfulness</c>, <c>context_relevance</c>).</summary>
public abstract class ContextJudgeScorer(ScorerSpec spec) : Scorer(spec)
{
    /// <summary>The endpoint that judges.</summary>
    public string Endpoint { get; } = spec.Parameters["endpoint"].Scalar!;

    /// <inheritdoc />
    public override bool CallsJudge => true;

    /// <summary>The judge's instructions.</summary>
    protected abstract string System { get; }

    /// <inheritdoc />
    public sealed override async ValueTask<Score> ScoreAsync(ScoringInput input, IJudge? judge, CancellationToken cancellationToken)
    {
        if (judge is null)
        {
            return Score.Failed("no judge is available in this context");
        }
        if (input.Context is not { } context)
        {
            return Score.Failed($"`{Id}` judges the documents a cell was given, and this cell was given none (the spec has no `retrieval`).");
        }
        var verdict = await judge.AskAsync(Endpoint, System, Prompt(input, context), cancellationToken).ConfigureAwait(false);
        return Parse(verdict);
    }

    /// <summary>Reads the score from the judge's reply.</summary>
    public abstract Score Parse(string verdict);

    /// <summary>The question put to the judge.</summary>
    protected abstract string Prompt(ScoringInput input, RetrievedContext context);
}
