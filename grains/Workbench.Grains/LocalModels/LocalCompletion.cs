namespace Workbench.Grains.LocalModels;

/// <summary>A local model's answer, with the tokens it read and wrote.</summary>
/// <param name="Text">The answer.</param>
/// <param name="PromptTokens">Tokens of the templated prompt.</param>
/// <param name="CompletionTokens">Tokens generated, not counting the end-of-turn token.</param>
/// <param name="Finish">Why generation ended.</param>
[GenerateSerializer, Immutable]
public sealed record LocalCompletion([property: Id(0)] string Text, [property: Id(1)] int PromptTokens, [property: Id(2)] int CompletionTokens, [property: Id(3)] LocalFinish Finish);
