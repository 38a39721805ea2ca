using System.Collections.Concurrent;
using System.Globalization;
using System.IO.Compression;
using Microsoft.Extensions.Logging;

namespace Workbench.Grains.Retrieval;

/// <summary>
/// The index versions this silo searches. A version is opened from this silo's own folder; on first use
/// a copy there is checked against the version's name (the hash of its documents and settings), and a
/// version that is missing or does not match is built here from the documents in the store.
/// </summary>
public sealed partial class RetrievalIndexes(IGrainFactory grains, IndexFolder folder, ILogger<RetrievalIndexes> logger) : IDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<Task<RetrievalIndex>>> _open = new(StringComparer.Ordinal);

    /// <summary>The folder this silo keeps its versions in.</summary>
    public IndexFolder Folder => folder;

    /// <summary>Opens <paramref name="version"/>, building it here first when this silo has no good copy.</summary>
    /// <exception cref="InvalidOperationException">The version is not registered in the cluster, or the stored documents do not build it.</exception>
    public async Task<RetrievalIndex> OpenAsync(IndexVersion version, CancellationToken cancellationToken)
    {
        var key = $"{version.Name}/{version.Version}";
        // Built once for every caller, not tied to the first caller's cancellation; a failure is not kept.
        var opening = _open.GetOrAdd(key, _ => new Lazy<Task<RetrievalIndex>>(() => Task.Run(() => MaterialiseAsync(version, CancellationToken.None))));
        try
        {
            return await opening.Value.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception) when (opening.Value.IsFaulted || opening.Value.IsCanceled)
        {
            _open.TryRemove(new KeyValuePair<string, Lazy<Task<RetrievalIndex>>>(key, opening));
            throw;
        }
    }

    /// <summary>
    /// Records this machine's current version of <paramref name="name"/> in the cluster, with its documents, so
    /// that every silo can build it; returns the version.
    /// </summary>
    /// <exception cref="InvalidOperationException">This machine has no version of the index.</exception>
    public static async Task<IndexVersion> PublishCurrentAsync(IGrainFactory grains, IndexFolder folder, string name, CancellationToken cancellationToken)
    {
        var version = folder.Current(name)
            ?? throw new InvalidOperationException($"there is no index `{name}` in {folder.Root}. Build it first: workbench index build {name} --docs docs.jsonl");
        var grain = grains.GetGrain<IRetrievalIndexGrain>(name);
        if ((await grain.GetVersionsAsync(cancellationToken).ConfigureAwait(false)).FirstOrDefault(v => v.Version == version.Version) is { } registered)
        {
            return registered;
        }
        var path = folder.PathOf(name, version.Version);
        using var compressed = new MemoryStream();
        await using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
        await using (var documents = File.OpenRead(Path.Combine(path, "documents.jsonl")))
        {
            await documents.CopyToAsync(gzip, cancellationToken).ConfigureAwait(false);
        }
        var vectors = version.Settings.Dense ? await File.ReadAllBytesAsync(Path.Combine(path, "dense.f32"), cancellationToken).ConfigureAwait(false) : null;
        var payload = new IndexPayload(compressed.ToArray(), vectors);
        if (payload.Bytes > IndexPayload.MostBytes)
        {
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                $"version {version.Version} of index `{name}` weighs {payload.Bytes >> 20} MiB compressed, with its embeddings; a cluster takes versions of up to {IndexPayload.MostBytes >> 20} MiB. Index fewer or shorter documents, or build it without --dense."));
        }
        return await grain.RegisterAsync(version, payload, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var opening in _open.Values)
        {
            if (opening.IsValueCreated && opening.Value.IsCompletedSuccessfully)
            {
                opening.Value.Result.Dispose();
            }
        }
        _open.Clear();
    }

    private async Task<RetrievalIndex> MaterialiseAsync(IndexVersion version, CancellationToken cancellationToken)
    {
        var path = folder.PathOf(version.Name, version.Version);
        if (Directory.Exists(path) && !Matches(path, version))
        {
            LogMismatch(logger, version.Name, version.Version, path);
            Directory.Delete(path, recursive: true);
        }
        if (!Directory.Exists(path))
        {
            var payload = await grains.GetGrain<IRetrievalIndexGrain>(version.Name).GetDocumentsAsync(version.Version, cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"version {version.Version} of index `{version.Name}` is not registered in this cluster; run the spec again from the machine that built it.");
            using var reader = new StreamReader(new GZipStream(new MemoryStream(payload.Documents), CompressionMode.Decompress));
            // The embeddings come with the documents: every silo searches the same vectors, and none spends minutes embedding.
            var (built, _) = await IndexBuilder.BuildAsync(folder, version.Name, IndexDocumentReader.ReadIndexed(reader), version.Settings, payload.Vectors, makeCurrent: false, null, cancellationToken)
                .ConfigureAwait(false);
            if (built.Version != version.Version)
            {
                Directory.Delete(folder.PathOf(built.Name, built.Version), recursive: true);
                throw new InvalidOperationException($"the stored documents of index `{version.Name}` built version {built.Version}, not {version.Version}.");
            }
            LogMaterialised(logger, version.Name, version.Version, version.Documents, path);
        }
        return RetrievalIndex.Open(folder, version);
    }

    /// <summary>Whether the copy at <paramref name="path"/> holds the documents that <paramref name="version"/> is named for.</summary>
    private static bool Matches(string path, IndexVersion version)
    {
        var documents = Path.Combine(path, "documents.jsonl");
        if (!File.Exists(documents) || !File.Exists(Path.Combine(path, "version.json")))
        {
            return false;
        }
        using var reader = new StreamReader(documents);
        return IndexBuilder.VersionOf(version.Settings, IndexDocumentReader.ReadIndexed(reader)) == version.Version;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Built version {Version} of index {Name} ({Documents} documents) from the store in {Path}")]
    private static partial void LogMaterialised(ILogger logger, string name, string version, int documents, string path);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The copy of version {Version} of index {Name} in {Path} does not match its hash; building it again")]
    private static partial void LogMismatch(ILogger logger, string name, string version, string path);
}
