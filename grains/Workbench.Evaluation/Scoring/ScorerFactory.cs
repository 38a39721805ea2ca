using Workbench.Evaluation.Specs;

namespace Workbench.Evaluation.Scoring;

/// <summary>Builds the scorer a spec names, checking its parameters' values.</summary>
public static class ScorerFactory
{
    /// <summary>The scorer of <paramref name="spec"/>.</summary>
    /// <param name="spec">The scorer's settings.</param>
    /// <param name="specFile">The spec, for error messages.</param>
    /// <param name="embeddings">The embedding models, for <c>semantic_similarity</c>.</param>
    /// <exception cref="SpecException">A parameter value is wrong; the error names its line.</exception>
    public static Scorer Create(ScorerSpec spec, string specFile, IEmbeddingModels? embeddings = null) => spec.Metric switch
    {
        "exact_match" or "f1" => new SquadScorer(spec),
        "contains" or "icontains" => new ContainsScorer(spec),
        "regex" => new RegexScorer(spec, specFile),
        "json_valid" => new JsonValidScorer(spec),
        "length" => new LengthScorer(spec, specFile),
        "pii" => Checked(spec, specFile, () => new PiiScorer(spec)),
        "latency" or "cost" => new UsageScorer(spec),
        "judge" => new JudgeScorer(spec, specFile),
        "semantic_similarity" => new SemanticSimilarityScorer(spec, specFile, embeddings),
        "rouge1" or "rouge2" or "rougeL" or "rougeLsum" => new RougeScorer(spec, specFile),
        "bleu" => new BleuScorer(spec, specFile),
        "chrf" => new ChrfScorer(spec, specFile),
        "context_recall" or "context_precision" => new ContextIdScorer(spec),
        "faithfulness" => new FaithfulnessScorer(spec),
        "context_relevance" => new ContextRelevanceScorer(spec),
        _ => throw new SpecException(new SpecError(specFile, spec.Line, 0, $"scorer `{spec.Metric}` is not available in this build.")),
    };

    private static Scorer Checked(ScorerSpec spec, string specFile, Func<Scorer> create)
    {
        try
        {
            return create();
        }
        catch (ArgumentException exception)
        {
            throw new SpecException(new SpecError(specFile, spec.Line, 0, $"scorer `{spec.Id}`: {exception.Message}"));
        }
    }
}
