using System.IO.Compression;
using Workbench.Grains.Storage;

namespace Workbench.Grains.Retrieval;

/// <summary>
/// The registry of one index's versions. A version is checked on the way in: its documents and settings
/// must hash to its name, so a silo that builds it from the stored documents gets the same version.
/// </summary>
public sealed class RetrievalIndexGrain([PersistentState("retrieval-index")] IPersistentState<RetrievalIndexState> state) : Grain, IRetrievalIndexGrain
{
    /// <inheritdoc />
    public async Task<IndexVersion> RegisterAsync(IndexVersion version, IndexPayload payload, CancellationToken cancellationToken)
    {
        var name = this.GetPrimaryKeyString();
        if (version.Name != name)
        {
            throw new ArgumentException($"version {version.Version} belongs to index `{version.Name}`, not `{name}`.", nameof(version));
        }
        if (state.State.Versions.FirstOrDefault(v => v.Version == version.Version) is { } existing)
        {
            return existing;
        }
        using (var reader = new StreamReader(new GZipStream(new MemoryStream(payload.Documents), CompressionMode.Decompress)))
        {
            var hashed = IndexBuilder.VersionOf(version.Settings, IndexDocumentReader.ReadIndexed(reader));
            if (hashed != version.Version)
            {
                throw new ArgumentException($"the documents given for version {version.Version} of index `{name}` hash to {hashed}: the version's folder was changed after it was built. Build the index again.", nameof(payload));
            }
        }
        if (version.Settings.Dense != payload.Vectors is not null || (payload.Vectors is { } vectors && (version.Documents == 0 || vectors.Length % (version.Documents * sizeof(float)) != 0)))
        {
            throw new ArgumentException($"the embeddings given for version {version.Version} of index `{name}` do not fit its {version.Documents} documents. Build the index again.", nameof(payload));
        }
        // Documents first: a version in the registry always has its documents in the store.
        await GrainFactory.GetGrain<IIndexDocumentsGrain>($"{name}/{version.Version}").StoreAsync(payload, cancellationToken);
        // Lists, which the JSON grain storage can name and read back; a collection expression's hidden type it cannot.
        var stored = version with { Settings = version.Settings with { Fields = version.Settings.Fields.ToList() } };
        state.State.Versions.Add(stored);
        await state.WriteOrDeactivateAsync(DeactivateOnIdle, cancellationToken);
        return stored;
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<IndexVersion>> GetVersionsAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<IndexVersion>>([.. state.State.Versions]);

    /// <inheritdoc />
    public async Task<IndexPayload?> GetDocumentsAsync(string version, CancellationToken cancellationToken) =>
        state.State.Versions.Any(v => v.Version == version)
            ? await GrainFactory.GetGrain<IIndexDocumentsGrain>($"{this.GetPrimaryKeyString()}/{version}").GetAsync(cancellationToken)
            : null;
}
