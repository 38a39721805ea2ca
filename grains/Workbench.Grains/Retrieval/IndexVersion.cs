namespace Workbench.Grains.Retrieval;

/// <summary>An immutable version of an index, named by the hash of its documents and settings.</summary>
/// <param name="Name">The index.</param>
/// <param name="Version">The first 12 hex digits of the SHA-256 of the settings and the documents, in order.</param>
/// <param name="Documents">How many documents it holds.</param>
/// <param name="Settings">How it analyses and ranks.</param>
/// <param name="CreatedAt">When it was built.</param>
[GenerateSerializer, Immutable]
public sealed record IndexVersion(
    [property: Id(0)] string Name,
    [property: Id(1)] string Version,
    [property: Id(2)] int Documents,
    [property: Id(3)] IndexSettings Settings,
    [property: Id(4)] DateTimeOffset CreatedAt);
