using Workbench.Grains.Storage;

namespace Workbench.Grains.Retrieval;

/// <summary>Holds one index version's documents (and embeddings) in the store; they never change once written.</summary>
public sealed class IndexDocumentsGrain([PersistentState("index-documents")] IPersistentState<IndexDocumentsState> state) : Grain, IIndexDocumentsGrain
{
    /// <inheritdoc />
    public async Task StoreAsync(IndexPayload payload, CancellationToken cancellationToken)
    {
        if (state.State.Documents is not null)
        {
            return;
        }
        (state.State.Documents, state.State.Vectors) = (payload.Documents, payload.Vectors);
        await state.WriteOrDeactivateAsync(DeactivateOnIdle, cancellationToken);
    }

    /// <inheritdoc />
    public Task<IndexPayload?> GetAsync(CancellationToken cancellationToken) =>
        Task.FromResult(state.State.Documents is { } documents ? new IndexPayload(documents, state.State.Vectors) : null);
}
