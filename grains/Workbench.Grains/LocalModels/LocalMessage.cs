namespace Workbench.Grains.LocalModels;

/// <summary>One message of a chat sent to a local model.</summary>
/// <param name="Role">system, user or assistant.</param>
/// <param name="Text">The message's text.</param>
[GenerateSerializer, Immutable]
public sealed record LocalMessage([property: Id(0)] string Role, [property: Id(1)] string Text);
