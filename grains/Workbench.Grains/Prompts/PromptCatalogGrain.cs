namespace Workbench.Grains.Prompts;

/// <summary>Keeps the names of the prompt registry, persisted.</summary>
public sealed class PromptCatalogGrain([PersistentState("prompt-catalog")] IPersistentState<SortedSet<string>> names) : Grain, IPromptCatalogGrain
{
    /// <inheritdoc />
    public async Task AddAsync(string name, CancellationToken cancellationToken)
    {
        if (names.State.Add(name))
        {
            await names.WriteStateAsync(cancellationToken);
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<string>> NamesAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<string>>([.. names.State]);
}
