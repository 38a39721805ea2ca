namespace Workbench.Grains.Retrieval;

/// <summary>The documents of one index version (key: <c>NAME/VERSION</c>), written once by <see cref="IRetrievalIndexGrain"/>.</summary>
public interface IIndexDocumentsGrain : IGrainWithStringKey
{
    /// <summary>Stores the version's documents (and embeddings); storing them again changes nothing.</summary>
    Task StoreAsync(IndexPayload payload, CancellationToken cancellationToken);

    /// <summary>What was stored, or null when nothing was.</summary>
    Task<IndexPayload?> GetAsync(CancellationToken cancellationToken);
}
