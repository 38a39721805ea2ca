namespace Workbench.Grains.Prompts;

/// <summary>A prompt's persisted registry entry.</summary>
[GenerateSerializer]
public sealed class PromptState
{
    /// <summary>Every version, in the order pushed.</summary>
    [Id(0)]
    public List<PromptVersion> Versions { get; set; } = [];

    /// <summary>Labels (production, candidate, ...) and the version number each points at.</summary>
    [Id(1)]
    public Dictionary<string, int> Labels { get; set; } = new(StringComparer.Ordinal);

    /// <summary>What happened, oldest first.</summary>
    [Id(2)]
    public List<PromptEvent> History { get; set; } = [];
}
