using Workbench.Grains.Catalog;
using Workbench.Grains.Storage;

namespace Workbench.Grains.Experiments;

/// <summary>Keeps an experiment's runs and baseline, persisted.</summary>
public sealed class ExperimentGrain([PersistentState("experiment")] IPersistentState<ExperimentState> state) : Grain, IExperimentGrain
{
    /// <inheritdoc />
    public async Task RecordAsync(ExperimentRun run, CancellationToken cancellationToken)
    {
        var at = state.State.Runs.FindIndex(r => r.RunId == run.RunId);
        // Stored with plain lists, which the JSON grain storage can name and read back.
        var stored = run with { Scores = [.. run.Scores], Verdicts = [.. run.Verdicts] };
        if (at >= 0)
        {
            state.State.Runs[at] = stored;
        }
        else
        {
            state.State.Runs.Add(stored);
        }
        state.State.Baseline ??= run.RunId;
        // Listed first (adding a name twice changes nothing), so that a stored experiment is never missing from the list.
        await GrainFactory.GetGrain<ICatalogGrain>(ICatalogGrain.Experiments).AddAsync(this.GetPrimaryKeyString(), cancellationToken);
        await state.WriteOrDeactivateAsync(DeactivateOnIdle, cancellationToken);
    }

    /// <inheritdoc />
    public async Task SetBaselineAsync(string runId, CancellationToken cancellationToken)
    {
        if (state.State.Runs.All(r => r.RunId != runId))
        {
            throw new ArgumentException($"run `{runId}` is not in experiment `{this.GetPrimaryKeyString()}`; `workbench experiment show {this.GetPrimaryKeyString()}` lists its runs.");
        }
        state.State.Baseline = runId;
        await state.WriteOrDeactivateAsync(DeactivateOnIdle, cancellationToken);
    }

    /// <inheritdoc />
    public Task<ExperimentEntry?> GetAsync(CancellationToken cancellationToken) => Task.FromResult(state.State.Runs.Count == 0
        ? null
        : new ExperimentEntry(this.GetPrimaryKeyString(), state.State.Baseline, [.. state.State.Runs]));
}
