using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Workbench.Grains.Endpoints;
using Workbench.Grains.LocalModels;

namespace Workbench.Silo.LocalModels;

/// <summary>
/// Serves a local model over the OpenAI chat-completions protocol (<c>POST /v1/chat/completions</c>,
/// <c>GET /v1/models</c>), with the same continuous batching as a <c>llama</c> endpoint, so other
/// tools, and Workbench's own <c>openai</c> endpoints, can call it. Streaming is not offered.
/// </summary>
public sealed class LocalModelServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly LlamaModel _model;
    private readonly string _name;

    private LocalModelServer(WebApplication app, LlamaModel model, string name)
    {
        _app = app;
        _model = model;
        _name = name;
    }

    /// <summary>The address the server listens on.</summary>
    public Uri Address => new(_app.Urls.First());

    /// <summary>Loads the model and starts listening on <paramref name="url"/> (port 0 picks a free one).</summary>
    /// <exception cref="LocalModelException">The model cannot load.</exception>
    public static async Task<LocalModelServer> StartAsync(LocalModelSettings settings, string url, ILoggerFactory logging, CancellationToken cancellationToken)
    {
        var model = LlamaModel.Load(settings, logging.CreateLogger<LocalModelServer>());
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls(url);
        var app = builder.Build();
        var server = new LocalModelServer(app, model, Path.GetFileNameWithoutExtension(settings.ModelPath));
        try
        {
            server.Map();
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await server.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        return server;
    }

    private void Map()
    {
        var server = this;
        var app = _app;
        app.MapPost("/v1/chat/completions", (Delegate)server.CompleteAsync);
        app.MapGet("/v1/models", () => Results.Json(new JsonObject
        {
            ["object"] = "list",
            ["data"] = new JsonArray(new JsonObject { ["id"] = server._name, ["object"] = "model", ["owned_by"] = "workbench" }),
        }));
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        await _model.DisposeAsync().ConfigureAwait(false);
    }

    private async Task<IResult> CompleteAsync(HttpContext context)
    {
        JsonObject body;
        try
        {
            body = await JsonSerializer.DeserializeAsync<JsonObject>(context.Request.Body, cancellationToken: context.RequestAborted).ConfigureAwait(false)
                ?? throw new JsonException("the body is null");
        }
        catch (JsonException exception)
        {
            return Invalid($"the body is not a JSON object: {exception.Message}");
        }
        if (body["stream"] is JsonValue stream && stream.TryGetValue<bool>(out var streaming) && streaming)
        {
            return Invalid("this server does not stream; send `stream: false`.");
        }
        if (Request(body) is not { } request)
        {
            return Invalid("`messages` must be a list of {role, content} objects with text content.");
        }
        LocalCompletion completion;
        try
        {
            completion = await _model.CompleteAsync(request, context.RequestAborted).ConfigureAwait(false);
        }
        catch (LocalModelException exception)
        {
            return Invalid(exception.Message);
        }
        return Results.Json(new JsonObject
        {
            ["id"] = "chatcmpl-" + Guid.NewGuid().ToString("N"),
            ["object"] = "chat.completion",
            ["created"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
            ["model"] = body["model"] is JsonValue model && model.TryGetValue<string>(out var named) ? named : _name,
            ["choices"] = new JsonArray(new JsonObject
            {
                ["index"] = 0,
                ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = completion.Text },
                ["finish_reason"] = completion.Finish == LocalFinish.Length ? "length" : "stop",
            }),
            ["usage"] = new JsonObject
            {
                ["prompt_tokens"] = completion.PromptTokens,
                ["completion_tokens"] = completion.CompletionTokens,
                ["total_tokens"] = completion.PromptTokens + completion.CompletionTokens,
            },
        });
    }

    /// <summary>The request a chat-completions body asks for, or null when its messages are unreadable.</summary>
    private static LocalCompletionRequest? Request(JsonObject body)
    {
        if (body["messages"] is not JsonArray list || list.Count == 0)
        {
            return null;
        }
        var messages = new List<LocalMessage>();
        foreach (var entry in list)
        {
            if (entry is not JsonObject item)
            {
                return null;
            }
            var content = item["content"] switch
            {
                JsonValue value when value.TryGetValue<string>(out var text) => text,
                JsonArray parts => string.Concat(parts.Select(p => p is JsonObject piece && piece["text"] is JsonValue text && text.TryGetValue<string>(out var part) ? part : "")),
                _ => null,
            };
            if (item["role"] is not JsonValue roleValue || !roleValue.TryGetValue<string>(out var role) || content is null)
            {
                return null;
            }
            messages.Add(new LocalMessage(role, content));
        }
        float? Number(string key) => body[key] is JsonValue value && value.TryGetValue<double>(out var n) ? (float)n : null;
        var stop = body["stop"] switch
        {
            JsonValue value when value.TryGetValue<string>(out var one) => [one],
            JsonArray many => many.Select(s => s is JsonValue v && v.TryGetValue<string>(out var one) ? one : "").ToList(),
            _ => new List<string>(),
        };
        return new LocalCompletionRequest(
            messages,
            (int?)Number("max_completion_tokens") ?? (int?)Number("max_tokens") ?? LocalCompletionRequest.DefaultMaxTokens,
            Number("temperature") ?? LlamaChatClient.DefaultTemperature,
            Number("top_p"),
            (int?)Number("top_k"),
            body["seed"] is JsonValue seed && seed.TryGetValue<long>(out var seedValue) ? unchecked((uint)seedValue) : 0,
            stop,
            Number("frequency_penalty"),
            Number("presence_penalty"));
    }

    private static IResult Invalid(string message) =>
        Results.Json(new JsonObject { ["error"] = new JsonObject { ["message"] = message, ["type"] = "invalid_request_error" } }, statusCode: 400);
}
