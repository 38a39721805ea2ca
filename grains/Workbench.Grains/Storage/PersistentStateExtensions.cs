namespace Workbench.Grains.Storage;

/// <summary>Writing grain state so that memory never runs ahead of storage.</summary>
public static class PersistentStateExtensions
{
    /// <summary>
    /// Stores the state; when that fails, <paramref name="deactivate"/> (the grain's <c>DeactivateOnIdle</c>) drops the
    /// activation, so that the next call reads what is stored, not what was not.
    /// </summary>
    public static async Task WriteOrDeactivateAsync<T>(this IPersistentState<T> state, Action deactivate, CancellationToken cancellationToken)
    {
        try
        {
            await state.WriteStateAsync(cancellationToken);
        }
        catch
        {
            deactivate();
            throw;
        }
    }
}
