using System.Text;
using LLama;
using LLama.Batched;
using LLama.Native;
using LLama.Sampling;

namespace Workbench.Grains.LocalModels;

/// <summary>A request holding a slot: its sequence in the shared context, its sampler, and the answer so far.</summary>
internal sealed class RunningCompletion : IDisposable
{
    private readonly ISamplingPipeline _sampler;
    private readonly StreamingTokenDecoder _decoder;
    private readonly StringBuilder _text = new();
    private int _generated;
    private LLamaToken? _next;

    public RunningCompletion(PendingCompletion pending, BatchedExecutor executor, LLamaToken[] promptTokens)
    {
        Pending = pending;
        PromptTokens = promptTokens;
        Conversation = executor.Create();
        var request = pending.Request;
        _sampler = request.Temperature <= 0
            ? new GreedySamplingPipeline()
            : new DefaultSamplingPipeline
            {
                Temperature = request.Temperature,
                TopP = request.TopP ?? 0.95f,
                TopK = request.TopK ?? 40,
                Seed = request.Seed,
                FrequencyPenalty = request.FrequencyPenalty ?? 0,
                PresencePenalty = request.PresencePenalty ?? 0,
            };
        _decoder = new StreamingTokenDecoder(executor.Context);
    }

    /// <summary>The caller's side.</summary>
    public PendingCompletion Pending { get; }

    /// <summary>The sequence in the shared context.</summary>
    public Conversation Conversation { get; }

    /// <summary>The templated prompt's tokens.</summary>
    public LLamaToken[] PromptTokens { get; }

    /// <summary>Whether a sampled token waits to be decoded: <see cref="Feed"/> queues it for the next decode step.</summary>
    public bool HasNext => _next is not null;

    /// <summary>
    /// Samples the next token after the step that decoded this sequence's last token; true when the answer is
    /// finished and the caller has it. Otherwise the token waits for <see cref="Feed"/>.
    /// </summary>
    public bool Advance(SafeLlamaModelHandle.Vocabulary vocab)
    {
        var token = Conversation.Sample(_sampler);
        if (token.IsEndOfGeneration(vocab))
        {
            return Finish(LocalFinish.Stop);
        }
        _generated++;
        _decoder.Add(token);
        var added = _decoder.Read();
        _text.Append(added);
        if (StopAt(added.Length) is { } cut)
        {
            _text.Length = cut;
            return Finish(LocalFinish.Stop);
        }
        if (_generated >= Pending.Request.MaxTokens)
        {
            return Finish(LocalFinish.Length);
        }
        _next = token;
        return false;
    }

    /// <summary>Queues the sampled token for the next decode step.</summary>
    public void Feed()
    {
        Conversation.Prompt(_next ?? throw new InvalidOperationException("no sampled token waits to be decoded"));
        _next = null;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        // Disposing the conversation removes its sequence from the context, freeing the slot's cells.
        Conversation.Dispose();
        _sampler.Dispose();
    }

    private bool Finish(LocalFinish finish)
    {
        Pending.Complete(new LocalCompletion(_text.ToString(), PromptTokens.Length, _generated, finish));
        return true;
    }

    /// <summary>Where the earliest stop text starts in the answer, or null.</summary>
    private int? StopAt(int added)
    {
        int? cut = null;
        foreach (var stop in Pending.Request.Stop)
        {
            if (stop.Length == 0)
            {
                continue;
            }
            // Only the tail can hold a stop text that the last token completed.
            var from = Math.Max(0, _text.Length - added - stop.Length + 1);
            var at = _text.ToString(from, _text.Length - from).IndexOf(stop, StringComparison.Ordinal);
            if (at >= 0 && (cut is null || from + at < cut))
            {
                cut = from + at;
            }
        }
        return cut;
    }
}
