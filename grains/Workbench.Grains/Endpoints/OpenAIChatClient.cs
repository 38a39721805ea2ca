using System.ClientModel;
using System.ClientModel.Primitives;
using System.Globalization;
using Microsoft.Extensions.AI;
using OpenAI;
using OpenAI.Chat;
using ChatMessage = Microsoft.Extensions.AI.ChatMessage;

namespace Workbench.Grains.Endpoints;

/// <summary>
/// The <c>openai</c> backend: any server that speaks the OpenAI chat-completions protocol (OpenAI,
/// Azure, vLLM, llama.cpp server, Ollama), through Microsoft.Extensions.AI.OpenAI. This layer only
/// classifies failures, which decides what the pipeline retries and what opens the circuit. The
/// package's own retries are off: the pipeline retries, honouring Retry-After, and counts each attempt.
/// </summary>
public sealed class OpenAIChatClient : DelegatingChatClient
{
    private readonly string _endpointId;

    /// <summary>Creates a client for <paramref name="model"/> at <paramref name="baseUrl"/>, with the given API key.</summary>
    public OpenAIChatClient(string endpointId, string model, Uri baseUrl, string apiKey, TimeSpan timeout)
        : base(Create(model, baseUrl, apiKey, timeout))
    {
        _endpointId = endpointId;
    }

    /// <inheritdoc />
    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var list = messages as IReadOnlyCollection<ChatMessage> ?? [.. messages];
        ChatResponse response;
        try
        {
            response = await base.GetResponseAsync(list, options, cancellationToken).ConfigureAwait(false);
        }
        catch (ClientResultException exception)
        {
            throw Classify(exception);
        }
        catch (HttpRequestException exception)
        {
            throw new EndpointCallException(_endpointId, EndpointFailure.ServerError, $"the server could not be reached: {exception.Message}", inner: exception);
        }
        response.Usage ??= new UsageDetails();
        response.Usage.InputTokenCount ??= TokenEstimate.Of(list);
        response.Usage.OutputTokenCount ??= TokenEstimate.Of(response.Text);
        return response;
    }

    /// <inheritdoc />
    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        // Streaming goes through the classified call, so a stream fails the same way a call does.
        var response = await GetResponseAsync(messages, options, cancellationToken).ConfigureAwait(false);
        foreach (var update in response.ToChatResponseUpdates())
        {
            yield return update;
        }
    }

    private static IChatClient Create(string model, Uri baseUrl, string apiKey, TimeSpan timeout) =>
        new ChatClient(model, new ApiKeyCredential(apiKey), new OpenAIClientOptions
        {
            Endpoint = baseUrl,
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
            NetworkTimeout = timeout + TimeSpan.FromSeconds(5),
        }).AsIChatClient();

    private EndpointCallException Classify(ClientResultException exception)
    {
        var response = exception.GetRawResponse();
        TimeSpan? retryAfter = null;
        if (response?.Headers.TryGetValue("Retry-After", out var header) == true)
        {
            if (double.TryParse(header, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
            {
                retryAfter = TimeSpan.FromSeconds(seconds);
            }
            else if (DateTimeOffset.TryParse(header, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
            {
                retryAfter = at - DateTimeOffset.UtcNow;
            }
        }
        var status = exception.Status;
        var failure = status switch
        {
            429 => EndpointFailure.RateLimited,
            0 or 408 or >= 500 => EndpointFailure.ServerError,
            _ => EndpointFailure.Rejected,
        };
        var hint = status is 401 or 403 ? " Check the key in the variable named by `api_key_env`." : status == 404 ? " Check `base_url` and `model`." : "";
        return new EndpointCallException(_endpointId, failure, $"HTTP {status}: {FirstLine(exception.Message)}{hint}", retryAfter, exception);
    }

    private static string FirstLine(string text) => text.Split('\n', 2)[0].Trim();
}
