namespace Workbench.Grains.LocalModels;

/// <summary>The dimensions of a llama-architecture model that <see cref="SyntheticModel"/> writes.</summary>
/// <param name="Name">The name users pass to <c>workbench model synth --shape</c>.</param>
/// <param name="VocabularySize">Tokens in the vocabulary.</param>
/// <param name="EmbeddingLength">The width of the residual stream.</param>
/// <param name="Layers">Transformer blocks.</param>
/// <param name="Heads">Attention heads.</param>
/// <param name="KeyValueHeads">Key/value heads (grouped-query attention).</param>
/// <param name="FeedForwardLength">The width of each block's feed-forward layer.</param>
/// <param name="ContextLength">The context the model declares.</param>
/// <param name="Type">The element type of the weight matrices.</param>
public sealed record SyntheticModelShape(
    string Name, int VocabularySize, int EmbeddingLength, int Layers, int Heads, int KeyValueHeads, int FeedForwardLength, int ContextLength, GgmlType Type)
{
    /// <summary>A few hundred kilobytes: for tests, which load it in milliseconds.</summary>
    public static SyntheticModelShape Tiny { get; } = new("tiny", 512, 64, 2, 4, 2, 128, 2048, GgmlType.F32);

    /// <summary>The dimensions of SmolLM-135M (134.5 million parameters) in llama.cpp's 8-bit blocks, as models are usually run on CPUs: for benchmarks of real decode cost.</summary>
    public static SyntheticModelShape Small135M { get; } = new("135m", 49152, 576, 30, 9, 3, 1536, 2048, GgmlType.Q8Blocks);

    /// <summary>The shapes by name.</summary>
    public static IReadOnlyDictionary<string, SyntheticModelShape> All { get; } =
        new Dictionary<string, SyntheticModelShape>(StringComparer.Ordinal) { ["tiny"] = Tiny, ["135m"] = Small135M };

    /// <summary>The width of one attention head.</summary>
    public int HeadLength => EmbeddingLength / Heads;

    /// <summary>The number of parameters.</summary>
    public long ParameterCount
    {
        get
        {
            long kv = (long)KeyValueHeads * HeadLength;
            long perLayer = 2L * EmbeddingLength + 2L * EmbeddingLength * EmbeddingLength + 2L * EmbeddingLength * kv + 3L * EmbeddingLength * FeedForwardLength;
            return (long)VocabularySize * EmbeddingLength + EmbeddingLength + Layers * perLayer;
        }
    }
}
