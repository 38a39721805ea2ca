namespace Workbench.Grains.Prompts;

/// <summary>One message of a prompt version: its role and its template.</summary>
/// <param name="Role">system, user or assistant.</param>
/// <param name="Template">The Handlebars template.</param>
[GenerateSerializer, Immutable]
public sealed record PromptText([property: Id(0)] string Role, [property: Id(1)] string Template);
