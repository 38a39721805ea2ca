namespace Workbench.Grains.Retrieval;

/// <summary>The documents of one index version (key: <c>NAME/VERSION</c>), written once by <see cref="IRetrievalIndexGrain"/>.</summary>
public interface IIndexDocumentsGrain : IGrainWithStringKey
{
    /// <summary>Stores the gzip-compressed documents; storing them again changes nothing.</summary>
    Task StoreAsync(byte[] documents, CancellationToken cancellationToken);

    /// <summary>The gzip-compressed documents, or null when none were stored.</summary>
    Task<byte[]?> GetAsync(CancellationToken cancellationToken);
}
