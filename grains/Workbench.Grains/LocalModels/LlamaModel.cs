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
/// <see cref="LocalModelSettings.Slots"/> sequences, and one loop that owns it. Each step of the loop
/// decodes the next token of every running request in a single batch; a waiting request joins as soon
/// as a slot and room in the context are free, its prompt decoded alongside the others' tokens; a
/// cancelled request leaves at the next step and frees its slot and context.
/// </summary>
public sealed partial class LlamaModel : IAsyncDisposable
{
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
            ContextSize = settings.ContextSize > 0 ? (uint)settings.ContextSize : null,
            SeqMax = (uint)settings.Slots,
            // One cache shared by the slots: a request may join mid-batch with a prompt of any length and still share
            // the step. With a cache per slot, llama.cpp splits such a step into one pass per distinct length.
            KVUnified = true,
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
            var executor = new BatchedExecutor(weights, parameters);
            var model = new LlamaModel(weights, parameters, executor, settings, logger);
            LogLoaded(logger, model.Name, settings.ModelPath, settings.Slots, model._contextSize, settings.Threads, settings.GpuLayers);
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
                    $"llama.cpp could not create a context for {settings.ModelPath} with {settings.Slots} slots and n_ctx {(settings.ContextSize > 0 ? settings.ContextSize : weights.ContextSize)}: {exception.Message}. Lower `n_ctx` or `slots`.");
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
        PendingCompletion? held = null;
        var reserved = 0;
        var stopping = _stopping.Token;
        try
        {
            while (true)
            {
                while (running.Count < _settings.Slots && (held ?? Next()) is { } pending)
                {
                    held = null;
                    if (pending.Task.IsCompleted)
                    {
                        continue;
                    }
                    if (Tokenize(pending) is not { } tokens)
                    {
                        continue;
                    }
                    var need = tokens.Length + pending.Request.MaxTokens; // checked to fit in the context, so no overflow
                    if (reserved + need > _contextSize)
                    {
                        // No room in the context until a running request finishes: it waits at the head of the queue.
                        held = pending;
                        break;
                    }
                    var started = new RunningCompletion(pending, _executor, tokens, need);
                    started.Conversation.Prompt(tokens);
                    running.Add(started);
                    reserved += need;
                }
                if (running.Count == 0)
                {
                    if (held is null && !await _queue.Reader.WaitToReadAsync(stopping).ConfigureAwait(false))
                    {
                        return;
                    }
                    continue;
                }
                var result = await _executor.Infer(stopping).ConfigureAwait(false);
                if (result != DecodeResult.Ok)
                {
                    var failure = new LocalModelException(string.Create(CultureInfo.InvariantCulture,
                        $"llama.cpp could not decode ({result}) with {running.Count} requests in a context of {_contextSize} tokens. Raise `n_ctx` or lower `slots`."));
                    while (running.Count > 0)
                    {
                        running[^1].Pending.Fail(failure);
                        reserved -= Retire(running, running.Count - 1);
                    }
                    // A failed batch stays queued in the executor and would be replayed into recycled sequences: start afresh.
                    _executor.Dispose();
                    _executor = new BatchedExecutor(_weights, _parameters);
                    continue;
                }
                Interlocked.Increment(ref _steps);
                Interlocked.Add(ref _batchedSequences, running.Count);
                for (var i = running.Count - 1; i >= 0; i--)
                {
                    var completion = running[i];
                    if (completion.Conversation.RequiresInference)
                    {
                        // Part of its prompt is still queued for the next step; a sequence leaves the context only between steps.
                        continue;
                    }
                    if (completion.Pending.Task.IsCompleted || (completion.Conversation.RequiresSampling && completion.Advance(_weights.Vocab)))
                    {
                        // Finished, or cancelled by its caller: the slot and its cells are free for the next step.
                        reserved -= Retire(running, i);
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
            foreach (var completion in running)
            {
                completion.Pending.Fail(unloaded);
                completion.Dispose();
            }
            held?.Fail(unloaded);
            while (_queue.Reader.TryRead(out var pending))
            {
                pending.Fail(unloaded);
            }
        }
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
        if (need > _contextSize)
        {
            pending.Fail(new LocalModelException(string.Create(CultureInfo.InvariantCulture,
                $"the prompt has {tokens.Length} tokens and max_tokens is {request.MaxTokens}: {need} tokens do not fit in the context of {_contextSize} (n_ctx). Raise `n_ctx`, lower `max_tokens`, or shorten the prompt.")));
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

    private static int Retire(List<RunningCompletion> running, int index)
    {
        var completion = running[index];
        running.RemoveAt(index);
        completion.Dispose();
        return completion.Reserved;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Loaded local model {Name} from {Path}: {Slots} slots, context {ContextSize} tokens, {Threads} threads, {GpuLayers} layers on the GPU")]
    private static partial void LogLoaded(ILogger logger, string name, string path, int slots, int contextSize, int threads, int gpuLayers);

    [LoggerMessage(Level = LogLevel.Error, Message = "The decode loop of local model {Name} failed")]
    private static partial void LogLoopFailed(ILogger logger, Exception exception, string name);
}
