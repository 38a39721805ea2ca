namespace Workbench.Grains.Catalog;

/// <summary>Keeps the names of a registry, persisted.</summary>
public sealed class CatalogGrain([PersistentState("catalog")] IPersistentState<SortedSet<string>> names) : Grain, ICatalogGrain
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
