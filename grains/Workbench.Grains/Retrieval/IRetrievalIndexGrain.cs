namespace Workbench.Grains.Retrieval;

/// <summary>
/// One index of the cluster (key: its name) and its versions. A version is immutable and named by the
/// hash of its documents and settings; its documents live in the store, so any silo can build the
/// version for itself and check it against its name.
/// </summary>
public interface IRetrievalIndexGrain : IGrainWithStringKey
{
    /// <summary>
    /// Records <paramref name="version"/> with its documents (<c>documents.jsonl</c> as the build wrote it,
    /// gzip-compressed) and embeddings. Registering a version again changes nothing.
    /// </summary>
    /// <exception cref="ArgumentException">The documents and settings do not hash to the version's name, or the embeddings do not fit them.</exception>
    Task<IndexVersion> RegisterAsync(IndexVersion version, IndexPayload payload, CancellationToken cancellationToken);

    /// <summary>The registered versions, oldest first.</summary>
    Task<IReadOnlyList<IndexVersion>> GetVersionsAsync(CancellationToken cancellationToken);

    /// <summary>The stored documents and embeddings of <paramref name="version"/>, or null when it is not registered.</summary>
    Task<IndexPayload?> GetDocumentsAsync(string version, CancellationToken cancellationToken);
}
