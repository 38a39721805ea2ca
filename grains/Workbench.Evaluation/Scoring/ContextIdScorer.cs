using Workbench.Evaluation.Specs;

namespace Workbench.Evaluation.Scoring;

/// <summary>
/// <c>context_recall</c> and <c>context_precision</c> against gold document ids (the row's
/// <c>reference_field</c>, one id or a list), as RAGAS defines its id-based context metrics: recall is the
/// share of distinct gold ids among the documents retrieved; precision is the share of the distinct
/// documents retrieved that are gold. A row without gold ids has no recall, and nothing retrieved has
/// no precision: each an error for that cell, as RAGAS leaves them undefined.
/// </summary>
public sealed class ContextIdScorer(ScorerSpec spec) : Scorer(spec)
{
    private readonly bool _recall = spec.Metric == "context_recall";

    /// <inheritdoc />
    public override ValueTask<Score> ScoreAsync(ScoringInput input, IJudge? judge, CancellationToken cancellationToken)
    {
        if (input.Context is not { } context)
        {
            return ValueTask.FromResult(Score.Failed($"`{Id}` scores the documents a cell was given, and this cell was given none (the spec has no `retrieval`)."));
        }
        var (references, error) = References(input);
        if (error is not null)
        {
            return ValueTask.FromResult(error);
        }
        var gold = references!.Select(r => r.Trim()).Where(r => r.Length > 0).ToHashSet(StringComparer.Ordinal);
        var retrieved = context.Ids.ToHashSet(StringComparer.Ordinal);
        var found = retrieved.Count(gold.Contains);
        if (_recall)
        {
            return ValueTask.FromResult(gold.Count == 0
                ? Score.Failed($"the row's `{ReferenceField}` lists no document ids, so recall is undefined")
                : Result((double)found / gold.Count, details: new Dictionary<string, double> { ["found"] = found, ["gold"] = gold.Count }));
        }
        return ValueTask.FromResult(retrieved.Count == 0
            ? Score.Failed("no documents were retrieved, so precision is undefined")
            : Result((double)found / retrieved.Count, details: new Dictionary<string, double> { ["found"] = found, ["retrieved"] = retrieved.Count }));
    }
}
