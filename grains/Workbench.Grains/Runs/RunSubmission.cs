using Workbench.Evaluation.Specs;

namespace Workbench.Grains.Runs;

/// <summary>
/// What a run is asked to do, as the run grain persists it: any silo rebuilds the run's plan from
/// this record alone, so nothing about a run lives only in the process that submitted it.
/// </summary>
/// <param name="RunId">The run.</param>
/// <param name="SpecPath">The spec file, absolute: relative paths inside the spec resolve against its folder.</param>
/// <param name="SpecText">The spec as it was read when the run was submitted.</param>
/// <param name="UseCache">Whether model answers are read from and stored in the response cache.</param>
/// <param name="SkipBadRows">Leave bad dataset rows out, reporting each, instead of failing the run.</param>
/// <param name="Prompts">The registry versions the spec names (<c>NAME@label</c> → messages), resolved at submission.</param>
/// <param name="Experiment">The experiment the finished run is recorded in.</param>
/// <param name="Index">The index version the spec's <c>retrieval:</c> searches, pinned at submission: a resume and every silo search the same one.</param>
[GenerateSerializer, Immutable]
public sealed record RunSubmission(
    [property: Id(0)] string RunId,
    [property: Id(1)] string SpecPath,
    [property: Id(2)] string SpecText,
    [property: Id(3)] bool UseCache,
    [property: Id(4)] bool SkipBadRows,
    [property: Id(5)] IReadOnlyDictionary<string, IReadOnlyList<Prompts.PromptText>>? Prompts = null,
    [property: Id(6)] string? Experiment = null,
    [property: Id(7)] Retrieval.IndexVersion? Index = null)
{
    /// <summary>The registry prompts as the spec parser takes them (a method: grain storage writes every property).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<PromptMessage>>? RegistryMessages() => Prompts?.ToDictionary(
        p => p.Key, p => (IReadOnlyList<PromptMessage>)[.. p.Value.Select(m => new PromptMessage(m.Role, m.Template))], StringComparer.Ordinal);
}
