using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Workbench.Testing;

/// <summary>
/// A real HTTP server on a loopback port that speaks the OpenAI chat-completions protocol, for
/// testing the openai backend end to end. It answers with a function of the request, can be told to
/// fail the next calls with given status codes and Retry-After headers, and counts every request.
/// </summary>
public sealed class OpenAICompatibleServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<(int Status, string? RetryAfter)> _failures = new();
    private readonly Lock _holdLock = new();
    private TaskCompletionSource? _hold;
    private long _requests;
    private long _answered;

    private OpenAICompatibleServer(WebApplication app, Func<JsonObject, string> answer)
    {
        _app = app;
        Answer = answer;
    }

    /// <summary>The base URL to put in a spec's <c>base_url</c>.</summary>
    public string BaseUrl => _app.Urls.First() + "/v1";

    /// <summary>How the server answers a request body.</summary>
    public Func<JsonObject, string> Answer { get; set; }

    /// <summary>Requests received, failed ones included.</summary>
    public long Requests => Interlocked.Read(ref _requests);

    /// <summary>Requests answered in full, with a model answer (failures excluded).</summary>
    public long Answered => Interlocked.Read(ref _answered);

    /// <summary>How long each answer takes.</summary>
    public TimeSpan Latency { get; set; }

    /// <summary>The bodies of the requests, in arrival order.</summary>
    public ConcurrentQueue<JsonObject> Bodies { get; } = new();

    /// <summary>The Authorization headers seen.</summary>
    public ConcurrentQueue<string> Authorizations { get; } = new();

    /// <summary>Starts a server on a free loopback port; by default it answers with the last message in upper case.</summary>
    public static async Task<OpenAICompatibleServer> StartAsync(Func<JsonObject, string>? answer = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var server = new OpenAICompatibleServer(app, answer ?? (body => LastMessage(body).ToUpperInvariant()));
        app.MapPost("/v1/chat/completions", server.CompleteAsync);
        await app.StartAsync();
        return server;
    }

    /// <summary>The next <paramref name="count"/> requests fail with <paramref name="status"/>.</summary>
    public void FailNext(int count, int status, string? retryAfter = null)
    {
        for (var i = 0; i < count; i++)
        {
            _failures.Enqueue((status, retryAfter));
        }
    }

    /// <summary>Holds every answer not yet sent, and every later one, until <see cref="Release"/>.</summary>
    public void Hold()
    {
        lock (_holdLock)
        {
            _hold ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }

    /// <summary>Lets held answers go.</summary>
    public void Release()
    {
        lock (_holdLock)
        {
            _hold?.TrySetResult();
            _hold = null;
        }
    }

    /// <summary>The text of a request's last message.</summary>
    public static string LastMessage(JsonObject body) => body["messages"]!.AsArray().Last()!["content"]!.GetValue<string>();

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        Release();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    /// <summary>The most requests the server has had in flight at once (received and not yet answered).</summary>
    public long MaxInFlight => Interlocked.Read(ref _maxInFlight);

    private long _inFlight;
    private long _maxInFlight;

    private async Task CompleteAsync(HttpContext context)
    {
        var inFlight = Interlocked.Increment(ref _inFlight);
        for (var max = Interlocked.Read(ref _maxInFlight); inFlight > max; max = Interlocked.Read(ref _maxInFlight))
        {
            Interlocked.CompareExchange(ref _maxInFlight, inFlight, max);
        }
        try
        {
            await AnswerAsync(context);
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    /// <summary>When each request arrived, as <see cref="System.Diagnostics.Stopwatch"/> timestamps.</summary>
    public ConcurrentQueue<long> Arrivals { get; } = new();

    private async Task AnswerAsync(HttpContext context)
    {
        Arrivals.Enqueue(System.Diagnostics.Stopwatch.GetTimestamp());
        Interlocked.Increment(ref _requests);
        Authorizations.Enqueue(context.Request.Headers.Authorization.ToString());
        var body = (await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted))!.AsObject();
        Bodies.Enqueue(body);
        if (_failures.TryDequeue(out var failure))
        {
            context.Response.StatusCode = failure.Status;
            if (failure.RetryAfter is not null)
            {
                context.Response.Headers.RetryAfter = failure.RetryAfter;
            }
            await context.Response.WriteAsJsonAsync(new { error = new { message = $"simulated failure {failure.Status}", type = "test" } }, context.RequestAborted);
            return;
        }
        if (Latency > TimeSpan.Zero)
        {
            await Task.Delay(Latency, context.RequestAborted);
        }
        Task? hold;
        lock (_holdLock)
        {
            hold = _hold?.Task;
        }
        if (hold is not null)
        {
            await hold.WaitAsync(context.RequestAborted);
        }
        var text = Answer(body);
        var promptTokens = body["messages"]!.AsArray().Sum(m => m!["content"]!.GetValue<string>().Split(' ').Length);
        var completionTokens = text.Split(' ').Length;
        var response = new JsonObject
        {
            ["id"] = $"chatcmpl-{Requests}",
            ["object"] = "chat.completion",
            ["created"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
            ["model"] = body["model"]?.GetValue<string>() ?? "test-model",
            ["choices"] = new JsonArray(new JsonObject
            {
                ["index"] = 0,
                ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = text },
                ["finish_reason"] = "stop",
            }),
            ["usage"] = new JsonObject
            {
                ["prompt_tokens"] = promptTokens,
                ["completion_tokens"] = completionTokens,
                ["total_tokens"] = promptTokens + completionTokens,
            },
        };
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(response.ToJsonString(new JsonSerializerOptions()), context.RequestAborted);
        await context.Response.CompleteAsync();
        Interlocked.Increment(ref _answered);
    }
}
