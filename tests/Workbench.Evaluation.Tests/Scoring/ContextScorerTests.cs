using Workbench.Evaluation.Retrieval;
using Workbench.Evaluation.Scoring;
using Workbench.Evaluation.Specs;

namespace Workbench.Evaluation.Tests.Scoring;

public sealed class ContextScorerTests
{
    private const string Spec = """
        name: rag
        dataset: d.jsonl
        retrieval: {index: docs, query: "{{question}}", k: 4}
        prompts: [{id: p, template: "{{context}} {{question}}"}]
        endpoints: [{id: e, type: echo}, {id: grader, type: echo, role: judge}]
        scorers:

        """;

    private static readonly CancellationToken Ct = TestContext.Current.CancellationToken;

    private static Scorer Make(string scorer) =>
        ScorerFactory.Create(SpecParser.Parse(Spec + $"  - {scorer}\n", "spec.yaml").Scorers[0], "spec.yaml");

    private static ScoringInput Input(IReadOnlyList<string> retrieved, object? gold, string output = "Paris is the capital.") => new(
        output,
        new Dictionary<string, object?> { ["gold"] = gold },
        1,
        0,
        new RetrievedContext("docs", "abc123", "capital of France?", retrieved, [.. retrieved.Select(id => $"text of {id}")]));

    private static Score Score(Scorer scorer, ScoringInput input, IJudge? judge = null) => scorer.ScoreAsync(input, judge, Ct).AsTask().Result;

    [Fact]
    public void Context_recall_and_precision_count_distinct_gold_ids_as_ragas_id_based_metrics_do()
    {
        var recall = Make("context_recall: {reference_field: gold}");
        var precision = Make("context_precision: {reference_field: gold}");
        // Retrieved d1, d2, d3, d4; gold d2, d4, d9: 2 of 3 gold found, 2 of 4 retrieved are gold.
        var input = Input(["d1", "d2", "d3", "d4"], new List<object?> { "d2", "d4", "d9" });

        Assert.Equal(2.0 / 3, Score(recall, input).Value!.Value, 12);
        Assert.Equal(0.5, Score(precision, input).Value);
        // One gold id given as a plain string; repeated gold ids count once.
        Assert.Equal(1.0, Score(recall, Input(["d7"], "d7")).Value);
        Assert.Equal(1.0, Score(recall, Input(["d7", "d1"], new List<object?> { "d7", "d7" })).Value);
        Assert.Equal(0.0, Score(precision, Input(["d1", "d3"], "d7")).Value);
        Assert.NotNull(Score(precision, Input([], "d7")).Error);
    }

    [Fact]
    public void Context_scores_without_gold_ids_or_without_retrieved_documents_are_errors_not_zeros()
    {
        var recall = Make("context_recall: {reference_field: gold}");
        Assert.NotNull(Score(recall, Input(["d1"], new List<object?>())).Error);
        Assert.NotNull(Score(recall, new ScoringInput("x", new Dictionary<string, object?> { ["gold"] = "d1" }, 0, 0)).Error);
        Assert.Contains("`gold`", Score(recall, new ScoringInput("x", new Dictionary<string, object?>(), 0, 0, Input(["d1"], null).Context)).Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Faithfulness_is_the_share_of_claims_the_judge_found_supported()
    {
        var faithfulness = (FaithfulnessScorer)Make("faithfulness: {endpoint: grader}");
        var judge = new ScriptedJudge("""
            CLAIM: Paris is the capital of France | VERDICT: SUPPORTED
            CLAIM: Paris has 30 million people | VERDICT: UNSUPPORTED
            CLAIM: The Seine runs through Paris | verdict: **supported**
            """);

        var score = Score(faithfulness, Input(["d1"], null), judge);

        Assert.Equal(2.0 / 3, score.Value!.Value, 12);
        Assert.False(score.Passed is null);
        // The judge saw the documents, numbered with their ids, and the output.
        Assert.Contains("[1] (d1) text of d1", judge.Prompt, StringComparison.Ordinal);
        Assert.Contains("Paris is the capital.", judge.Prompt, StringComparison.Ordinal);
        Assert.Equal("grader", judge.Endpoint);
        Assert.NotNull(faithfulness.Parse("NO CLAIMS").Error);
        Assert.NotNull(faithfulness.Parse("Everything looks fine to me.").Error);
    }

    [Fact]
    public void Context_relevance_halves_the_judges_zero_to_two_rating_of_the_context_for_the_query()
    {
        var relevance = (ContextRelevanceScorer)Make("context_relevance: {endpoint: grader}");
        var judge = new ScriptedJudge("RATING: 1\nRATIONALE: only part of the question is covered.");

        var score = Score(relevance, Input(["d1", "d2"], null), judge);

        Assert.Equal(0.5, score.Value);
        Assert.Equal("only part of the question is covered.", score.Rationale);
        Assert.Contains("Question: capital of France?", judge.Prompt, StringComparison.Ordinal);
        Assert.Equal(1.0, relevance.Parse("Rating: 2").Value);
        Assert.Equal(0.0, relevance.Parse("RATING: 0").Value);
        Assert.NotNull(relevance.Parse("RATING: 3").Error);
    }

    private sealed class ScriptedJudge(string reply) : IJudge
    {
        public string Prompt { get; private set; } = "";

        public string Endpoint { get; private set; } = "";

        public Task<string> AskAsync(string endpointId, string system, string prompt, CancellationToken cancellationToken)
        {
            (Endpoint, Prompt) = (endpointId, prompt);
            return Task.FromResult(reply);
        }
    }
}
