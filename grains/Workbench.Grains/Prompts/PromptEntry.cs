namespace Workbench.Grains.Prompts;

/// <summary>A prompt's versions, labels and history, as the registry shows them.</summary>
/// <param name="Name">The prompt's name.</param>
/// <param name="Versions">Every version, oldest first.</param>
/// <param name="Labels">Each label and the version number it points at.</param>
/// <param name="History">What happened, oldest first.</param>
[GenerateSerializer, Immutable]
public sealed record PromptEntry(
    [property: Id(0)] string Name,
    [property: Id(1)] IReadOnlyList<PromptVersion> Versions,
    [property: Id(2)] IReadOnlyDictionary<string, int> Labels,
    [property: Id(3)] IReadOnlyList<PromptEvent> History);
