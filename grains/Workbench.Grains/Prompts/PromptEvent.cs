namespace Workbench.Grains.Prompts;

/// <summary>A line of a prompt's history.</summary>
/// <param name="At">When.</param>
/// <param name="What">What happened, in words: "pushed v3 (1a2b3c4d5e6f)", "labelled v3 production (was v2)".</param>
[GenerateSerializer, Immutable]
public sealed record PromptEvent([property: Id(0)] DateTimeOffset At, [property: Id(1)] string What);
