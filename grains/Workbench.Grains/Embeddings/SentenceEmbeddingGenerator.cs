using System.Threading.Channels;
using Microsoft.Extensions.AI;
using SentenceTransformers;

namespace Workbench.Grains.Embeddings;

/// <summary>
/// A sentence-embedding model in ONNX Runtime as an <see cref="IEmbeddingGenerator{TInput, TEmbedding}"/>.
/// Calls are batched: the texts of concurrent calls (a scorer's cells arrive one at a time from many
/// shards) are gathered into one model run of up to <see cref="MaxBatch"/> texts, which costs little
/// more than a run of one. Vectors are L2-normalised, as sentence-transformers returns them.
/// </summary>
public sealed class SentenceEmbeddingGenerator : IEmbeddingGenerator<string, Embedding<float>>
{
    /// <summary>Texts in one model run at most.</summary>
    public const int MaxBatch = 32;

    private readonly ISentenceEncoder _encoder;
    private readonly Channel<EmbeddingCall> _calls = Channel.CreateUnbounded<EmbeddingCall>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _loop;

    /// <summary>Serves <paramref name="encoder"/>, which this generator owns and disposes.</summary>
    public SentenceEmbeddingGenerator(string name, int dimensions, ISentenceEncoder encoder)
    {
        _encoder = encoder;
        Metadata = new EmbeddingGeneratorMetadata("workbench-onnx", null, name, dimensions);
        _loop = Task.Run(RunAsync);
    }

    /// <summary>What model this is.</summary>
    public EmbeddingGeneratorMetadata Metadata { get; }

    /// <inheritdoc />
    public async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var texts = values as string[] ?? [.. values];
        var vectors = new float[texts.Length][];
        var parts = new List<Task>();
        for (var start = 0; start < texts.Length; start += MaxBatch)
        {
            var call = new EmbeddingCall(texts.AsMemory(start, Math.Min(MaxBatch, texts.Length - start)), vectors.AsMemory(start), cancellationToken);
            ObjectDisposedException.ThrowIf(!_calls.Writer.TryWrite(call), this);
            parts.Add(call.Done.Task);
        }
        await Task.WhenAll(parts).WaitAsync(cancellationToken).ConfigureAwait(false);
        return [.. vectors.Select(v => new Embedding<float>(v) { ModelId = Metadata.DefaultModelId })];
    }

    /// <inheritdoc />
    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is not null ? null
        : serviceType == typeof(EmbeddingGeneratorMetadata) ? Metadata
        : serviceType.IsInstanceOfType(this) ? this
        : null;

    /// <inheritdoc />
    public void Dispose()
    {
        _calls.Writer.TryComplete();
        _loop.GetAwaiter().GetResult();
        (_encoder as IDisposable)?.Dispose();
    }

    private async Task RunAsync()
    {
        var batch = new List<EmbeddingCall>();
        var texts = new List<string>(MaxBatch);
        while (await _calls.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            batch.Clear();
            texts.Clear();
            while (texts.Count < MaxBatch && _calls.Reader.TryPeek(out var next) && (batch.Count == 0 || texts.Count + next.Texts.Length <= MaxBatch))
            {
                _calls.Reader.TryRead(out _);
                if (next.Cancellation.IsCancellationRequested)
                {
                    next.Done.TrySetCanceled(next.Cancellation);
                    continue;
                }
                batch.Add(next);
                foreach (var text in next.Texts.Span)
                {
                    texts.Add(text);
                }
            }
            if (batch.Count == 0)
            {
                continue;
            }
            try
            {
                var vectors = _encoder.Encode([.. texts], CancellationToken.None);
                var at = 0;
                foreach (var call in batch)
                {
                    vectors.AsSpan(at, call.Texts.Length).CopyTo(call.Vectors.Span);
                    at += call.Texts.Length;
                    call.Done.TrySetResult();
                }
            }
            catch (Exception exception)
            {
                foreach (var call in batch)
                {
                    call.Done.TrySetException(exception);
                }
            }
        }
    }

    /// <summary>Some texts waiting for the model, and where their vectors go.</summary>
    private sealed record EmbeddingCall(ReadOnlyMemory<string> Texts, Memory<float[]> Vectors, CancellationToken Cancellation)
    {
        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
