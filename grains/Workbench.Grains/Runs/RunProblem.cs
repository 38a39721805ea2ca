using Workbench.Evaluation.Specs;

namespace Workbench.Grains.Runs;

/// <summary>A problem with a run's input, at a place a user can go to; the wire form of <see cref="SpecError"/>.</summary>
/// <param name="File">The file, as the user named it.</param>
/// <param name="Line">1-based line; 0 when the problem is the whole file.</param>
/// <param name="Column">1-based column; 0 when unknown.</param>
/// <param name="Message">What is wrong and what to do.</param>
[GenerateSerializer, Immutable]
public sealed record RunProblem(
    [property: Id(0)] string File,
    [property: Id(1)] long Line,
    [property: Id(2)] int Column,
    [property: Id(3)] string Message)
{
    /// <summary>The problem of <paramref name="error"/>.</summary>
    public static RunProblem Of(SpecError error) => new(error.File, error.Line, error.Column, error.Message);

    /// <summary>The problem as the spec's own error type.</summary>
    public SpecError ToSpecError() => new(File, Line, Column, Message);

    /// <inheritdoc />
    public override string ToString() => ToSpecError().ToString();
}
