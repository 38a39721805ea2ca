namespace Workbench.Evaluation.Scoring;

/// <summary>Every metric a spec may name, with the parameters it accepts.</summary>
public static class MetricCatalog
{
    private static readonly string[] Bleu = ["reference_field", "tokenize", "smooth_method", "smooth_value", "lowercase", "use_effective_order", "max_ngram_order"];
    private static readonly string[] Chrf = ["reference_field", "char_order", "word_order", "beta", "lowercase", "whitespace", "eps_smoothing"];
    private static readonly string[] Rouge = ["reference_field", "use_stemmer", "split_summaries"];

    /// <summary>The metrics by name.</summary>
    public static IReadOnlyDictionary<string, MetricDefinition> Metrics { get; } = new MetricDefinition[]
    {
        new("exact_match", ["reference_field"], "0 or 1", 1, NeedsReference: true),
        new("f1", ["reference_field"], "0 to 1", 0.5, NeedsReference: true),
        new("contains", ["value", "reference_field"], "0 or 1", 1),
        new("icontains", ["value", "reference_field"], "0 or 1", 1),
        new("regex", ["pattern", "ignore_case"], "0 or 1", 1),
        new("json_valid", ["required_keys"], "0 or 1", 1),
        new("length", ["unit", "min", "max"], "0 or more (characters or words)", null),
        new("bleu", Bleu, "0 to 100", null, NeedsReference: true, HasCorpusScore: true),
        new("chrf", Chrf, "0 to 100", null, NeedsReference: true, HasCorpusScore: true),
        new("rouge1", Rouge, "0 to 1", null, NeedsReference: true),
        new("rouge2", Rouge, "0 to 1", null, NeedsReference: true),
        new("rougeL", Rouge, "0 to 1", null, NeedsReference: true),
        new("rougeLsum", Rouge, "0 to 1", null, NeedsReference: true),
        new("pii", ["kinds"], "0 or 1 (1 = no personal data found)", 1),
        new("latency", [], "0 or more milliseconds", null, LowerIsBetter: true),
        new("cost", [], "0 or more, in the price's currency", null, LowerIsBetter: true),
        new("semantic_similarity", ["reference_field", "model"], "-1 to 1 (cosine of sentence embeddings)", 0.7, NeedsReference: true),
        new("judge", ["endpoint", "rubric", "reference_field", "min_score", "max_score"], "0 to 1 (the judge's score rescaled)", 0.5),
        new("context_recall", ["reference_field"], "0 to 1 (gold documents retrieved / gold documents)", null, NeedsReference: true),
        new("context_precision", ["reference_field"], "0 to 1 (gold documents retrieved / documents retrieved)", null, NeedsReference: true),
        new("faithfulness", ["endpoint"], "0 to 1 (the output's claims that the context supports / its claims)", 0.5),
        new("context_relevance", ["endpoint"], "0 to 1 (the judge's 0–2 rating of the context for the question, halved)", 0.5),
    }.ToDictionary(m => m.Name, StringComparer.Ordinal);
}
