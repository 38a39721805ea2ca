using System.Numerics.Tensors;
using Microsoft.Extensions.AI;
using Workbench.Evaluation.Specs;

namespace Workbench.Evaluation.Scoring;

/// <summary>
/// <c>semantic_similarity</c>: the cosine similarity between the embeddings of the output and of the
/// reference (the highest over several references), from a sentence-embedding model (<c>model</c>:
/// <c>minilm</c>, all-MiniLM-L6-v2, by default, or <c>arctic-xs</c>). It passes at or above
/// <c>threshold</c> (0.7 by default). It needs no judge model, and the same texts always score the same.
/// </summary>
public sealed class SemanticSimilarityScorer : Scorer
{
    /// <summary>The model when the spec names none.</summary>
    public const string DefaultModel = "minilm";

    private readonly IEmbeddingGenerator<string, Embedding<float>> _generator;

    /// <summary>Reads the model's name and checks that the model exists.</summary>
    /// <exception cref="SpecException">The model is unknown, or no embedding models are available here.</exception>
    public SemanticSimilarityScorer(ScorerSpec spec, string specFile, IEmbeddingModels? models) : base(spec)
    {
        var parameters = new ScorerParameters(spec, specFile);
        if (models is null)
        {
            throw new SpecException(new SpecError(specFile, spec.Line, 0, $"scorer `{spec.Id}` needs an embedding model, and none is available in this context."));
        }
        Model = parameters.Choice("model", DefaultModel, [.. models.Names]);
        parameters.ThrowIfInvalid();
        try
        {
            _generator = models.Get(Model);
        }
        catch (InvalidOperationException exception)
        {
            // The model could not be set up (a GPU asked for that this build lacks): a problem of the environment, reported before the run.
            throw new SpecException(new SpecError(specFile, spec.Line, 0, $"scorer `{spec.Id}`: {exception.Message}"));
        }
    }

    /// <summary>The embedding model.</summary>
    public string Model { get; }

    /// <inheritdoc />
    public override async ValueTask<Score> ScoreAsync(ScoringInput input, IJudge? judge, CancellationToken cancellationToken)
    {
        var (references, error) = References(input);
        if (error is not null)
        {
            return error;
        }
        if (references!.Count == 0)
        {
            return Score.Failed($"the row's `{ReferenceField}` holds no reference text");
        }
        var embeddings = await _generator.GenerateAsync([input.Output, .. references], cancellationToken: cancellationToken).ConfigureAwait(false);
        var output = embeddings[0].Vector.Span;
        var best = double.NegativeInfinity;
        for (var i = 1; i < embeddings.Count; i++)
        {
            best = Math.Max(best, TensorPrimitives.CosineSimilarity(output, embeddings[i].Vector.Span));
        }
        return Result(best);
    }
}
