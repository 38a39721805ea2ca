using System.Globalization;
using System.Text;
using System.Threading.Channels;
using LLama;
using LLama.Batched;
using LLama.Common;
using LLama.Exceptions;
using LLama.Native;
using Microsoft.Extensions.Logging;

namespace Workbench.Grains.LocalModels;

/// <summary>
/// One GGUF model in this process, served with continuous batching: one llama.cpp context with
/// <see cref="LocalModelSettings.Slots"/> sequences, each with its own share of the cache, and one loop
/// that owns it. Each step of the loop decodes the next token of every running request in a single
/// batch; a waiting request joins as soon as a slot is free, its prompt decoded in a pass of its own
/// between two steps; a cancelled request leaves at the next step and frees its slot.
/// </summary>
public sealed partial class LlamaModel : IAsyncDisposable
{
    /// <summary>The most context a slot gets when the spec gives no <c>n_ctx</c>: a long-context model's own would fill memory.</summary>
    public const int DefaultSlotContext = 2048;

    private readonly LLamaWeights _weights;
    private readonly ModelParams _parameters;
    private BatchedExecutor _executor;
    private readonly LocalModelSettings _settings;
    private readonly ILogger _logger;
    private readonly Channel<PendingCompletion> _queue = Channel.CreateUnbounded<PendingCompletion>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _loop;
    private readonly bool _hasTemplate;
    private readonly int _contextSize;
    private readonly int _slotContext;
    private long _steps;
    private long _batchedSequences;

    private LlamaModel(LLamaWeights weights, ModelParams parameters, BatchedExecutor executor, LocalModelSettings settings, ILogger logger)
    {
        _weights = weights;
        _parameters = parameters;
        _executor = executor;
        _settings = settings;
        _logger = logger;
        _hasTemplate = weights.Metadata.ContainsKey("tokenizer.chat_template");
        _contextSize = (int)executor.Context.ContextSize;
        _slotContext = _contextSize / settings.Slots;
        _loop = Task.Run(RunAsync);
    }

    /// <summary>Whether the decode loop still runs; false after an unexpected failure, when the model must be loaded again.</summary>
    public bool IsServing => !_loop.IsCompleted;

    /// <summary>Decode steps run so far.</summary>
    public long Steps => Interlocked.Read(ref _steps);

    /// <summary>The mean number of requests a decode step served: above 1 when requests were batched.</summary>
    public double MeanBatch => Steps == 0 ? 0 : (double)Interlocked.Read(ref _batchedSequences) / Steps;

    /// <summary>The model's name from its metadata.</summary>
    public string Name => _weights.Metadata.GetValueOrDefault("general.name", Path.GetFileNameWithoutExtension(_settings.ModelPath));

    /// <summary>Loads the model of <paramref name="settings"/> and starts serving it.</summary>
    /// <exception cref="LocalModelException">The file is not a loadable model, or llama.cpp's library cannot be loaded; the message says what to do.</exception>
    public static LlamaModel Load(LocalModelSettings settings, ILogger logger)
    {
        if (GgufFile.Problem(settings.ModelPath) is { } problem)
        {
            throw new LocalModelException(problem);
        }
        LlamaNativeLibrary.Configure(logger);
        var parameters = new ModelParams(settings.ModelPath)
        {
            ContextSize = settings.ContextSize > 0 ? (uint)settings.ContextSize : null, // set from the model below when 0
            SeqMax = (uint)settings.Slots,
            // A cache per slot (n_ctx / slots tokens each): a token attends to its own sequence only. In one cache
            // shared by the slots, every token would attend, masked, over all the slots' cells.
            KVUnified = false,
            Threads = settings.Threads,
            BatchThreads = settings.Threads,
            GpuLayerCount = settings.GpuLayers,
            // llama.cpp's CPU flash-attention kernel tiles differently for different batch shapes, so a request's
            // greedy answer would depend on which requests shared its steps; the plain kernel does not.
            FlashAttention = false,
        };
        LLamaWeights? weights = null;
        try
        {
            weights = LLamaWeights.LoadFromFile(parameters);
            // Without n_ctx, each slot gets the model's own context, up to DefaultSlotContext tokens.
            parameters.ContextSize ??= (uint)(Math.Min(weights.ContextSize, DefaultSlotContext) * settings.Slots);
            var executor = new BatchedExecutor(weights, parameters);
            var model = new LlamaModel(weights, parameters, executor, settings, logger);
            LogLoaded(logger, model.Name, settings.ModelPath, settings.Slots, model._slotContext, settings.Threads, settings.GpuLayers);
            return model;
        }
        catch (LoadWeightsFailedException exception)
        {
            weights?.Dispose();
            throw new LocalModelException(
                $"llama.cpp could not load {settings.ModelPath}: the file is damaged, truncated, or of an architecture this llama.cpp does not know. Download or convert it again (the log above has llama.cpp's reason).", exception);
        }
        catch (Exception exception) when (exception is DllNotFoundException or TypeInitializationException or EntryPointNotFoundException or BadImageFormatException)
        {
            weights?.Dispose();
            throw new LocalModelException(LlamaNativeLibrary.LoadFailure(exception), exception);
        }
        catch (RuntimeError exception)
        {
            // With the weights loaded, the library works: this is llama.cpp refusing the context, usually for memory.
            var message = weights is null
                ? LlamaNativeLibrary.LoadFailure(exception)
                : string.Create(CultureInfo.InvariantCulture,
                    $"llama.cpp could not create a context for {settings.ModelPath} with {settings.Slots} slots and n_ctx {parameters.ContextSize}: {exception.Message}. Lower `n_ctx` or `slots`.");
            weights?.Dispose();
            throw new LocalModelException(message, exception);
        }
        catch
        {
            weights?.Dispose();
            throw;
        }
    }

    /// <summary>Completes a chat; it waits for a free slot, then shares decode steps with the other running requests.</summary>
    /// <exception cref="LocalModelException">The prompt cannot fit in the context.</exception>
    /// <exception cref="OperationCanceledException">The request was cancelled; its slot is freed at the next step.</exception>
    public Task<LocalCompletion> CompleteAsync(LocalCompletionRequest request, CancellationToken cancellationToken)
    {
        var pending = new PendingCompletion(request, cancellationToken);
        if (!_queue.Writer.TryWrite(pending))
        {
            throw new ObjectDisposedException(nameof(LlamaModel), "the local model has been unloaded");
        }
        return pending.Task;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _stopping.CancelAsync().ConfigureAwait(false);
        try
        {
            await _loop.ConfigureAwait(false);
        }
        catch (Exception)
        {
            // Cancelled by the stop above, or already logged by the loop that failed.
        }
        finally
        {
            _executor.Dispose();
            _weights.Dispose();
            _stopping.Dispose();
        }
    }

    private async Task RunAsync()
    {
        var running = new List<RunningCompletion>();
        var joining = new List<RunningCompletion>();
        var stopping = _stopping.Token;
        try
        {
            while (true)
            {
                while (running.Count + joining.Count < _settings.Slots && Next() is { } pending)
                {
                    if (pending.Task.IsCompleted || Tokenize(pending) is not { } tokens)
                    {
                        continue;
                    }
                    joining.Add(new RunningCompletion(pending, _executor, tokens));
                }
                joining.Sort(static (a, b) => a.Conversation.ConversationId.Value.CompareTo(b.Conversation.ConversationId.Value));
                foreach (var started in joining)
                {
                    started.Conversation.Prompt(started.PromptTokens);
                }
                if (joining.Count > 0)
                {
                    // The joining prompts are decoded in passes of their own: each sequence has its own cache, and
                    // llama.cpp would split a step mixing one-token sequences with whole prompts into a pass per length.
                    while (joining.Count > 0)
                    {
                        if (!await DecodeAsync(joining, running, stopping).ConfigureAwait(false))
                        {
                            break;
                        }
                        for (var i = joining.Count - 1; i >= 0; i--)
                        {
                            var completion = joining[i];
                            if (completion.Conversation.RequiresInference)
                            {
                                // Part of its prompt is still queued for the next pass; a sequence leaves the context only between passes.
                                continue;
                            }
                            joining.RemoveAt(i);
                            if (completion.Pending.Task.IsCompleted || completion.Advance(_weights.Vocab))
                            {
                                completion.Dispose();
                            }
                            else
                            {
                                running.Add(completion);
                            }
                        }
                    }
                    continue;
                }
                if (running.Count == 0)
                {
                    if (!await _queue.Reader.WaitToReadAsync(stopping).ConfigureAwait(false))
                    {
                        return;
                    }
                    continue;
                }
                for (var i = running.Count - 1; i >= 0; i--)
                {
                    if (running[i].Pending.Task.IsCompleted)
                    {
                        // Cancelled by its caller: the slot and its cells are free for the next step.
                        Retire(running, i);
                    }
                }
                // In ascending sequence order: with a cache per slot, llama.cpp decodes a batch in one pass only when
                // its sequences come in increasing order; any other order splits the step into several passes.
                running.Sort(static (a, b) => a.Conversation.ConversationId.Value.CompareTo(b.Conversation.ConversationId.Value));
                foreach (var completion in running)
                {
                    completion.Feed();
                }
                if (running.Count == 0 || !await DecodeAsync(running, joining, stopping).ConfigureAwait(false))
                {
                    continue;
                }
                Interlocked.Increment(ref _steps);
                Interlocked.Add(ref _batchedSequences, running.Count);
                for (var i = running.Count - 1; i >= 0; i--)
                {
                    if (running[i].Advance(_weights.Vocab))
                    {
                        Retire(running, i);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
        catch (Exception exception)
        {
            LogLoopFailed(_logger, exception, Name);
            throw;
        }
        finally
        {
            // Nothing reads the queue any more: later callers are refused at once instead of waiting for ever.
            _queue.Writer.TryComplete();
            var unloaded = new ObjectDisposedException(nameof(LlamaModel), "the local model was unloaded");
            foreach (var completion in running.Concat(joining))
            {
                completion.Pending.Fail(unloaded);
                completion.Dispose();
            }
            while (_queue.Reader.TryRead(out var pending))
            {
                pending.Fail(unloaded);
            }
        }
    }

    /// <summary>
    /// Runs one decode pass over what <paramref name="batch"/> queued. On failure every request in both lists fails and
    /// the executor starts afresh, since a failed batch stays queued in it and would replay into recycled sequences.
    /// </summary>
    private async Task<bool> DecodeAsync(List<RunningCompletion> batch, List<RunningCompletion> others, CancellationToken stopping)
    {
        var result = await _executor.Infer(stopping).ConfigureAwait(false);
        if (result == DecodeResult.Ok)
        {
            return true;
        }
        var failure = new LocalModelException(string.Create(CultureInfo.InvariantCulture,
            $"llama.cpp could not decode ({result}) with {batch.Count + others.Count} requests and {_slotContext} tokens of context per slot. Raise `n_ctx` or lower `slots`."));
        foreach (var list in new[] { batch, others })
        {
            while (list.Count > 0)
            {
                list[^1].Pending.Fail(failure);
                Retire(list, list.Count - 1);
            }
        }
        _executor.Dispose();
        _executor = new BatchedExecutor(_weights, _parameters);
        return false;
    }

    private PendingCompletion? Next() => _queue.Reader.TryRead(out var pending) ? pending : null;

    /// <summary>Templates and tokenizes a request; a request that can never fit fails here and gets null.</summary>
    private LLamaToken[]? Tokenize(PendingCompletion pending)
    {
        var request = pending.Request;
        LLamaToken[] tokens;
        try
        {
            tokens = _executor.Context.Tokenize(Render(request.Messages), addBos: true, special: true);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            pending.Fail(new LocalModelException($"the prompt could not be tokenized: {exception.Message}", exception));
            return null;
        }
        if (request.MaxTokens < 1)
        {
            pending.Fail(new LocalModelException(string.Create(CultureInfo.InvariantCulture, $"max_tokens must be at least 1; found {request.MaxTokens}.")));
            return null;
        }
        var need = (long)tokens.Length + request.MaxTokens;
        if (need > _slotContext)
        {
            pending.Fail(new LocalModelException(string.Create(CultureInfo.InvariantCulture,
                $"the prompt has {tokens.Length} tokens and max_tokens is {request.MaxTokens}: {need} tokens do not fit in a slot's context of {_slotContext} (n_ctx {_contextSize} shared by {_settings.Slots} slots). Raise `n_ctx`, lower `slots` or `max_tokens`, or shorten the prompt.")));
            return null;
        }
        return tokens;
    }

    /// <summary>The chat through the model's own template; a model without one gets a plain transcript.</summary>
    private string Render(IReadOnlyList<LocalMessage> messages)
    {
        if (!_hasTemplate)
        {
            var transcript = new StringBuilder();
            foreach (var message in messages)
            {
                transcript.Append(message.Role).Append(": ").Append(message.Text).Append('\n');
            }
            return transcript.Append("assistant:").ToString();
        }
        var template = new LLamaTemplate(_weights) { AddAssistant = true };
        foreach (var message in messages)
        {
            template.Add(message.Role, message.Text);
        }
        return Encoding.UTF8.GetString(template.Apply());
    }

    private static void Retire(List<RunningCompletion> running, int index)
    {
        var completion = running[index];
        running.RemoveAt(index);
        completion.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Loaded local model {Name} from {Path}: {Slots} slots of {SlotContext} tokens of context, {Threads} threads, {GpuLayers} layers on the GPU")]
    private static partial void LogLoaded(ILogger logger, string name, string path, int slots, int slotContext, int threads, int gpuLayers);

    [LoggerMessage(Level = LogLevel.Error, Message = "The decode loop of local model {Name} failed")]
    private static partial void LogLoopFailed(ILogger logger, Exception exception, string name);
}
