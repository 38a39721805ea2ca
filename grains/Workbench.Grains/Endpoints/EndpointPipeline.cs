using System.Globalization;
using Microsoft.Extensions.AI;
using Workbench.Evaluation.Specs;
using Workbench.Grains.LocalModels;

namespace Workbench.Grains.Endpoints;

/// <summary>
/// One endpoint's <see cref="IChatClient"/> pipeline, composed with <see cref="ChatClientBuilder"/>, outermost first: response cache → accounting →
/// concurrency limit → RPM/TPM limits → circuit breaker → retry → timeout → backend. Rate limits
/// come only with <c>rpm</c> or <c>tpm</c> and retry only with <c>retries</c> above 0; the echo and
/// replay backends, which answer in-process and cannot fail transiently, have no breaker, retry or timeout. The breaker sits
/// outside retry so that it counts calls that failed after all their retries, not single attempts:
/// a burst of transient errors that retries absorb must not switch the endpoint off.
/// </summary>
public sealed class EndpointPipeline : IDisposable
{
    private static readonly string[] SamplingParameters = ["temperature", "top_p", "top_k", "max_tokens", "seed", "stop", "frequency_penalty", "presence_penalty"];

    private EndpointPipeline(EndpointSpec spec, IChatClient client, ChatOptions options, string identity, AccountingChatClient accounting, CircuitBreakerChatClient? breaker, IChatClient backend)
    {
        Spec = spec;
        Client = client;
        Options = options;
        Identity = identity;
        Accounting = accounting;
        Breaker = breaker;
        Backend = backend;
    }

    /// <summary>The endpoint.</summary>
    public EndpointSpec Spec { get; }

    /// <summary>The outermost client: call this.</summary>
    public IChatClient Client { get; }

    /// <summary>The sampling options every call starts from.</summary>
    public ChatOptions Options { get; }

    /// <summary>Everything that shapes an answer: id, type, model, server and sampling parameters.</summary>
    public string Identity { get; }

    /// <summary>Counts of calls and tokens that reached the backend.</summary>
    public AccountingChatClient Accounting { get; }

    /// <summary>The circuit breaker, to see whether the endpoint has been switched off; none for in-process backends, which cannot go down.</summary>
    public CircuitBreakerChatClient? Breaker { get; }

    /// <summary>The innermost client.</summary>
    public IChatClient Backend { get; }

    /// <summary>Builds the pipeline of <paramref name="spec"/>.</summary>
    /// <param name="spec">The endpoint.</param>
    /// <param name="specFile">The spec file, for error messages.</param>
    /// <param name="cache">The response cache, or null when caching is off for the run.</param>
    /// <param name="timeProvider">The clock for timeouts, backoff and rate limits.</param>
    /// <param name="environment">Reads environment variables (API keys).</param>
    /// <exception cref="SpecException">A parameter is unknown or a key is missing.</exception>
    public static EndpointPipeline Create(EndpointSpec spec, string specFile, IResponseCache? cache, TimeProvider timeProvider, Func<string, string?> environment) =>
        Create(spec, specFile, cache, timeProvider, environment, null, null);

    /// <summary>Builds the pipeline of <paramref name="spec"/>, holding this silo's <paramref name="shares"/> of the endpoint's limits.</summary>
    /// <param name="spec">The endpoint.</param>
    /// <param name="specFile">The spec file, for error messages.</param>
    /// <param name="cache">The response cache, or null when caching is off for the run.</param>
    /// <param name="timeProvider">The clock for timeouts, backoff and rate limits.</param>
    /// <param name="environment">Reads environment variables (API keys).</param>
    /// <param name="shares">This silo's shares of cluster-wide limits; null: the whole limits.</param>
    /// <param name="grains">Reaches the silo's local-model grains, for <c>llama</c> endpoints.</param>
    /// <exception cref="SpecException">A parameter is unknown or a key is missing.</exception>
    public static EndpointPipeline Create(
        EndpointSpec spec, string specFile, IResponseCache? cache, TimeProvider timeProvider, Func<string, string?> environment, EndpointShares? shares, IGrainFactory? grains)
    {
        var options = SamplingOptions(spec, specFile);
        IChatClient backend = spec.Type switch
        {
            "echo" => new EchoChatClient(spec.Id, spec.Model),
            "replay" => new ReplayChatClient(spec.Id, spec.Options["file"].Scalar!, spec.Options.GetValueOrDefault("id_field")?.Scalar ?? "id"),
            "simulated" => new SimulatedChatClient(spec.Id, SimulatedOptions(spec, specFile), timeProvider),
            "openai" => OpenAI(spec, specFile, environment),
            "llama" => new LlamaChatClient(spec.Id, spec.Model, LocalModelSettings.From(spec, specFile), grains
                ?? throw new SpecException(new SpecError(specFile, spec.Line, 0, $"llama endpoint `{spec.Id}` runs on a silo; this process has none."))),
            _ => throw new SpecException(new SpecError(specFile, spec.Line, 0, $"unknown endpoint type `{spec.Type}`.")),
        };
        // Layers that would do nothing are left out: each one costs a task and a state machine per call,
        // which shows at the tens of thousands of calls a second that local backends answer.
        var local = spec.Type is "echo" or "replay";
        var identity = IdentityOf(spec);
        // Limits of a server beside each silo are this silo's whole; a shared server's are split.
        shares = spec.LimitScope == LimitScope.Silo ? null : shares;
        AccountingChatClient? accounting = null;
        CircuitBreakerChatClient? breaker = null;
        // The builder's first layer is the outermost.
        var builder = new ChatClientBuilder(backend);
        if (cache is not null && !local)
        {
            builder.Use(inner => new ResponseCacheChatClient(inner, cache, spec.Id, identity));
        }
        builder.Use(inner => accounting = new AccountingChatClient(inner, spec.Price));
        builder.Use(inner => new ConcurrencyLimitChatClient(inner, spec.MaxConcurrency, shares));
        if (spec.RequestsPerMinute is not null || spec.TokensPerMinute is not null)
        {
            builder.Use(inner => new RateLimitChatClient(inner, spec.Id, spec.RequestsPerMinute, spec.TokensPerMinute, shares));
        }
        if (!local)
        {
            builder.Use(inner => breaker = new CircuitBreakerChatClient(inner, spec.Id, timeProvider));
        }
        if (spec.Retries > 0 && !local)
        {
            builder.Use(inner => new RetryChatClient(inner, spec.Retries, timeProvider));
        }
        if (!local)
        {
            builder.Use(inner => new TimeoutChatClient(inner, spec.Id, spec.Timeout, timeProvider));
        }
        var outer = builder.Build();
        return new EndpointPipeline(spec, outer, options, identity, accounting!, breaker, backend);
    }

    /// <summary>Makes one call through the pipeline.</summary>
    /// <exception cref="EndpointCallException">The call failed after the pipeline's retries.</exception>
    /// <exception cref="CircuitOpenException">The endpoint keeps failing and is switched off.</exception>
    public async Task<ModelAnswer> CompleteAsync(ModelRequest request, CancellationToken cancellationToken)
    {
        var options = CallProperties.For(Options, request.RowId, request.PromptId, request.Repeat);
        var response = await Client.GetResponseAsync(request.Messages, options, cancellationToken).ConfigureAwait(false);
        return new ModelAnswer(
            response.Text,
            response.Usage?.InputTokenCount ?? 0,
            response.Usage?.OutputTokenCount ?? 0,
            CallProperties.Get(response, CallProperties.Cost, 0m),
            CallProperties.Get(response, CallProperties.LatencyMilliseconds, 0d),
            CallProperties.Get(response, CallProperties.Cached, false));
    }

    /// <inheritdoc />
    public void Dispose() => Client.Dispose();

    private static string IdentityOf(EndpointSpec spec)
    {
        var parameters = string.Join(",", spec.Parameters.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}"));
        return $"{spec.Id}|{spec.Type}|{spec.Model}|{spec.Options.GetValueOrDefault("base_url")?.Scalar ?? LocalModelFile(spec)}|{parameters}";
    }

    /// <summary>A local model's file as the cache sees it: its path, size and time of writing, so a model written again is a new model.</summary>
    private static string? LocalModelFile(EndpointSpec spec)
    {
        if (spec.Options.GetValueOrDefault("model_path")?.Scalar is not { } path)
        {
            return null;
        }
        var file = new FileInfo(path);
        return file.Exists ? string.Create(CultureInfo.InvariantCulture, $"{file.FullName}:{file.Length}:{file.LastWriteTimeUtc.Ticks}") : path;
    }

    private static ChatOptions SamplingOptions(EndpointSpec spec, string specFile)
    {
        var options = new ChatOptions { ModelId = spec.Model };
        var errors = new List<SpecError>();
        foreach (var (name, value) in spec.Parameters)
        {
            float? Number() => value.AsNumber() is { } n ? (float)n : Fail<float?>($"`{name}` must be a number; found `{value}`.");
            int? Whole() => value.AsNumber() is { } n && n == Math.Floor(n) ? (int)n : Fail<int?>($"`{name}` must be a whole number; found `{value}`.");
            T? Fail<T>(string message)
            {
                errors.Add(new SpecError(specFile, value.Line, value.Column, message));
                return default;
            }
            switch (name)
            {
                case "temperature": options.Temperature = Number(); break;
                case "top_p": options.TopP = Number(); break;
                case "top_k": options.TopK = Whole(); break;
                case "max_tokens": options.MaxOutputTokens = Whole(); break;
                case "seed": options.Seed = Whole(); break;
                case "frequency_penalty": options.FrequencyPenalty = Number(); break;
                case "presence_penalty": options.PresencePenalty = Number(); break;
                case "stop": options.StopSequences = [.. value.Items ?? [value.Scalar ?? ""]]; break;
                default:
                    errors.Add(new SpecError(specFile, value.Line, value.Column,
                        $"unknown sampling parameter `{name}` of endpoint `{spec.Id}`; use {string.Join(", ", SamplingParameters)}."));
                    break;
            }
        }
        return errors.Count > 0 ? throw new SpecException(errors) : options;
    }

    private static SimulatedEndpointOptions SimulatedOptions(EndpointSpec spec, string specFile)
    {
        var errors = new List<SpecError>();
        TimeSpan Duration(string key, TimeSpan fallback)
        {
            if (!spec.Options.TryGetValue(key, out var value))
            {
                return fallback;
            }
            if (Durations.Parse(value.Scalar) is { } parsed)
            {
                return parsed;
            }
            errors.Add(new SpecError(specFile, value.Line, value.Column, $"`{key}` must be a duration such as 50ms or 1s; found `{value}`."));
            return fallback;
        }
        double Share(string key)
        {
            if (!spec.Options.TryGetValue(key, out var value))
            {
                return 0;
            }
            if (value.AsNumber() is { } share and >= 0 and <= 1)
            {
                return share;
            }
            errors.Add(new SpecError(specFile, value.Line, value.Column, $"`{key}` is the share of calls that fail that way, from 0 to 1, for example `{key}: 0.05`; found `{value}`."));
            return 0;
        }
        var result = new SimulatedEndpointOptions(
            Duration("latency", TimeSpan.Zero),
            Duration("latency_jitter", TimeSpan.Zero),
            Share("error_429"),
            Share("error_500"),
            Share("error_timeout"),
            Duration("retry_after", TimeSpan.FromSeconds(1)),
            spec.Options.TryGetValue("server_rpm", out var rpm) ? (int?)(rpm.AsNumber() ?? 0) : null,
            spec.Options.TryGetValue("seed", out var seed) ? (int)(seed.AsNumber() ?? 0) : 0);
        return errors.Count > 0 ? throw new SpecException(errors) : result;
    }

    private static OpenAIChatClient OpenAI(EndpointSpec spec, string specFile, Func<string, string?> environment)
    {
        if (spec.Model is null)
        {
            throw new SpecException(new SpecError(specFile, spec.Line, 0, $"openai endpoint `{spec.Id}` needs `model`, for example `model: gpt-4o-mini`."));
        }
        var baseUrl = spec.Options.GetValueOrDefault("base_url")?.Scalar ?? "https://api.openai.com/v1";
        if (!Uri.TryCreate(baseUrl, UriKind.Absolute, out var uri))
        {
            throw new SpecException(new SpecError(specFile, spec.Options["base_url"].Line, spec.Options["base_url"].Column, $"`base_url` must be an absolute URL such as http://127.0.0.1:8080/v1; found `{baseUrl}`."));
        }
        var key = "not-needed";
        if (spec.ApiKeyEnvironmentVariable is { } variable)
        {
            key = environment(variable) is { Length: > 0 } value
                ? value
                : throw new SpecException(new SpecError(specFile, spec.Line, 0,
                    string.Create(CultureInfo.InvariantCulture, $"endpoint `{spec.Id}` reads its API key from the environment variable {variable}, which is not set. Set it (export {variable}=...) and run again.")));
        }
        return new OpenAIChatClient(spec.Id, spec.Model, uri, key, spec.Timeout);
    }
}
