using Workbench.Grains.Storage;

namespace Workbench.Grains.Retrieval;

/// <summary>Holds one index version's documents in the store; they never change once written.</summary>
public sealed class IndexDocumentsGrain([PersistentState("index-documents")] IPersistentState<IndexDocumentsState> state) : Grain, IIndexDocumentsGrain
{
    /// <inheritdoc />
    public async Task StoreAsync(byte[] documents, CancellationToken cancellationToken)
    {
        if (state.State.Documents is not null)
        {
            return;
        }
        state.State.Documents = documents;
        await state.WriteOrDeactivateAsync(DeactivateOnIdle, cancellationToken);
    }

    /// <inheritdoc />
    public Task<byte[]?> GetAsync(CancellationToken cancellationToken) => Task.FromResult(state.State.Documents);
}
