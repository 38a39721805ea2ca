using Workbench.Evaluation.Datasets;
using Workbench.Evaluation.Specs;

namespace Workbench.Evaluation.Scoring;

/// <summary>A configured metric: it scores one output and says whether the score passes.</summary>
public abstract class Scorer(ScorerSpec spec)
{
    /// <summary>Its id in results.</summary>
    public string Id { get; } = spec.Id;

    /// <summary>What the metric is.</summary>
    public MetricDefinition Definition { get; } = MetricCatalog.Metrics[spec.Metric];

    /// <summary>The pass threshold, or null when the score is not pass/fail.</summary>
    public double? Threshold { get; } = spec.Threshold ?? MetricCatalog.Metrics[spec.Metric].DefaultThreshold;

    /// <summary>The dataset field holding references, when the metric uses one.</summary>
    public string? ReferenceFieldName => ReferenceField;

    /// <summary>The dataset field holding references, when the metric uses one.</summary>
    protected string? ReferenceField { get; } = spec.Parameters.GetValueOrDefault("reference_field")?.Scalar;

    /// <summary>Whether scoring asks a judge endpoint, a model call that the budget counts.</summary>
    public virtual bool CallsJudge => false;

    /// <summary>A fresh accumulator of the corpus-level score, or null when the metric has none (its corpus figure is the mean).</summary>
    public virtual CorpusAccumulator? CreateCorpusAccumulator() => null;

    /// <summary>The references of a row's fields for corpus scoring, or null when the row has none.</summary>
    public IReadOnlyList<string>? ReferencesOf(IReadOnlyDictionary<string, object?> fields) =>
        ReferenceField is not null && fields.TryGetValue(ReferenceField, out var value) ? JsonFields.References(value) : null;

    /// <summary>Scores one output.</summary>
    public abstract ValueTask<Score> ScoreAsync(ScoringInput input, IJudge? judge, CancellationToken cancellationToken);

    /// <summary>A score with its pass/fail against the threshold.</summary>
    protected Score Result(double value, string? rationale = null, IReadOnlyDictionary<string, double>? details = null) =>
        new(value, Threshold is { } threshold ? (Definition.LowerIsBetter ? value <= threshold : value >= threshold) : null, null, rationale, details);

    /// <summary>The reference texts of the row, or an error naming the missing field.</summary>
    protected (IReadOnlyList<string>? References, Score? Error) References(ScoringInput input)
    {
        if (ReferenceField is null)
        {
            return (null, Score.Failed($"scorer `{Id}` has no reference_field"));
        }
        if (ReferencesOf(input.Fields) is not { } references)
        {
            return (null, Score.Failed($"the row has no field `{ReferenceField}`, the reference_field of scorer `{Id}`"));
        }
        return (references, null);
    }
}
