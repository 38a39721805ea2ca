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
    /// gzip-compressed). Registering a version again changes nothing.
    /// </summary>
    /// <exception cref="ArgumentException">The documents and settings do not hash to the version's name.</exception>
    Task<IndexVersion> RegisterAsync(IndexVersion version, byte[] documents, CancellationToken cancellationToken);

    /// <summary>The registered versions, oldest first.</summary>
    Task<IReadOnlyList<IndexVersion>> GetVersionsAsync(CancellationToken cancellationToken);

    /// <summary>The gzip-compressed documents of <paramref name="version"/>, or null when it is not registered.</summary>
    Task<byte[]?> GetDocumentsAsync(string version, CancellationToken cancellationToken);
}
