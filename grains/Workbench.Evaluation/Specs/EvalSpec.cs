namespace Workbench.Evaluation.Specs;

/// <summary>An evaluation: prompt versions × endpoints × dataset rows × repeats, scored by metrics.</summary>
/// <param name="Name">The run's name.</param>
/// <param name="SourcePath">The spec file.</param>
/// <param name="Dataset">Where the rows come from.</param>
/// <param name="Prompts">The prompt versions.</param>
/// <param name="Endpoints">The model endpoints.</param>
/// <param name="Repeats">How many times each (prompt, endpoint, row) is sampled.</param>
/// <param name="Scorers">The metrics applied to each output.</param>
/// <param name="Budget">Caps on calls and cost.</param>
/// <param name="JudgeEndpoints">Endpoints used only by judge scorers, never as variants.</param>
/// <param name="MinPassRate">When set, the run fails (exit code 1) if a variant's pass rate is below it.</param>
public sealed record EvalSpec(
    string Name,
    string SourcePath,
    DatasetSpec Dataset,
    IReadOnlyList<PromptSpec> Prompts,
    IReadOnlyList<EndpointSpec> Endpoints,
    int Repeats,
    IReadOnlyList<ScorerSpec> Scorers,
    BudgetSpec Budget,
    IReadOnlyList<EndpointSpec> JudgeEndpoints,
    double? MinPassRate = null)
{
    /// <summary>The experiment the run belongs to (<c>experiment: NAME</c>), or null.</summary>
    public string? Experiment { get; init; }

    /// <summary>The early-stopping rule, or null to evaluate every row.</summary>
    public StopSpec? Stop { get; init; }

    /// <summary>The documents each row is given from an index (<c>retrieval:</c>), or null.</summary>
    public RetrievalSpec? Retrieval { get; init; }

    /// <summary>Cells per dataset row: prompts × endpoints × repeats.</summary>
    public int CellsPerRow => Prompts.Count * Endpoints.Count * Repeats;
}
