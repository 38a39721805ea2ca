using Microsoft.Extensions.AI;

namespace Workbench.Evaluation.Scoring;

/// <summary>The embedding models that scorers may use, by the names specs give them.</summary>
public interface IEmbeddingModels
{
    /// <summary>The names a spec may give, such as <c>minilm</c>.</summary>
    IReadOnlyList<string> Names { get; }

    /// <summary>The generator of model <paramref name="name"/>, loaded on first use.</summary>
    /// <exception cref="ArgumentException">No model has that name.</exception>
    IEmbeddingGenerator<string, Embedding<float>> Get(string name);
}
