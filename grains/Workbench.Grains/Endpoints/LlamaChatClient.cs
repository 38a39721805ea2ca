using System.Globalization;
using Microsoft.Extensions.AI;
using Workbench.Grains.LocalModels;

namespace Workbench.Grains.Endpoints;

/// <summary>
/// The <c>llama</c> backend: a GGUF model run in process by llama.cpp, served by this silo's
/// <see cref="ILocalModelGrain"/> for the model, which batches the calls of every endpoint and run
/// that use it. Sampling follows the endpoint's parameters; without <c>temperature</c> it is
/// llama.cpp's default, 0.8, and the seed is the endpoint's <c>seed</c> (0 by default) mixed with the
/// repeat index, so a run reproduces and its repeats differ.
/// </summary>
public sealed class LlamaChatClient(string endpointId, string? model, LocalModelSettings settings, IGrainFactory grains) : EndpointBackend(endpointId)
{
    /// <summary>llama.cpp's default sampling temperature.</summary>
    public const float DefaultTemperature = 0.8f;

    /// <inheritdoc />
    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var repeat = int.TryParse(CallProperties.Get(options, CallProperties.Repeat), NumberStyles.Integer, CultureInfo.InvariantCulture, out var r) ? r : 0;
        var request = new LocalCompletionRequest(
            [.. messages.Select(m => new LocalMessage(m.Role.Value, m.Text))],
            options?.MaxOutputTokens ?? LocalCompletionRequest.DefaultMaxTokens,
            options?.Temperature ?? DefaultTemperature,
            options?.TopP,
            options?.TopK,
            unchecked((uint)((options?.Seed ?? 0) * 1_000_003L + repeat)),
            [.. options?.StopSequences ?? []],
            options?.FrequencyPenalty,
            options?.PresencePenalty);
        LocalCompletion completion;
        try
        {
            completion = await grains.GetGrain<ILocalModelGrain>(settings.Key).CompleteAsync(settings, request, cancellationToken).ConfigureAwait(false);
        }
        catch (LocalModelException exception)
        {
            throw new EndpointCallException(EndpointId, EndpointFailure.Rejected, exception.Message, inner: exception);
        }
        return new ChatResponse(new ChatMessage(ChatRole.Assistant, completion.Text))
        {
            ModelId = model ?? Path.GetFileNameWithoutExtension(settings.ModelPath),
            FinishReason = completion.Finish == LocalFinish.Length ? ChatFinishReason.Length : ChatFinishReason.Stop,
            Usage = new UsageDetails { InputTokenCount = completion.PromptTokens, OutputTokenCount = completion.CompletionTokens },
        };
    }
}
