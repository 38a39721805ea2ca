namespace Workbench.Grains.Prompts;

/// <summary>An immutable version of a prompt, named by the hash of its content.</summary>
/// <param name="Number">1 for the first version pushed, 2 for the next, ...</param>
/// <param name="Hash">The content hash, the same one every cell of a run records as <c>prompt_hash</c>.</param>
/// <param name="Messages">The messages.</param>
/// <param name="PushedAt">When it was pushed.</param>
/// <param name="Source">The file it was pushed from.</param>
[GenerateSerializer, Immutable]
public sealed record PromptVersion(
    [property: Id(0)] int Number,
    [property: Id(1)] string Hash,
    [property: Id(2)] IReadOnlyList<PromptText> Messages,
    [property: Id(3)] DateTimeOffset PushedAt,
    [property: Id(4)] string? Source);
