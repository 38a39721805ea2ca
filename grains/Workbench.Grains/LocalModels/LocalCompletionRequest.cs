namespace Workbench.Grains.LocalModels;

/// <summary>A chat to complete with a local model, and how to sample the answer.</summary>
/// <param name="Messages">The chat, rendered through the model's chat template.</param>
/// <param name="MaxTokens">Tokens to generate at most.</param>
/// <param name="Temperature">Sampling temperature; 0 decodes greedily.</param>
/// <param name="TopP">Nucleus sampling's probability mass, or null for the default.</param>
/// <param name="TopK">Top-k sampling's k, or null for the default.</param>
/// <param name="Seed">The sampler's seed.</param>
/// <param name="Stop">Texts that end the answer; the answer is cut before them.</param>
/// <param name="FrequencyPenalty">Frequency penalty, or null.</param>
/// <param name="PresencePenalty">Presence penalty, or null.</param>
[GenerateSerializer, Immutable]
public sealed record LocalCompletionRequest(
    [property: Id(0)] IReadOnlyList<LocalMessage> Messages,
    [property: Id(1)] int MaxTokens,
    [property: Id(2)] float Temperature,
    [property: Id(3)] float? TopP,
    [property: Id(4)] int? TopK,
    [property: Id(5)] uint Seed,
    [property: Id(6)] IReadOnlyList<string> Stop,
    [property: Id(7)] float? FrequencyPenalty,
    [property: Id(8)] float? PresencePenalty)
{
    /// <summary>Tokens generated at most when the spec sets no <c>max_tokens</c>.</summary>
    public const int DefaultMaxTokens = 256;
}
