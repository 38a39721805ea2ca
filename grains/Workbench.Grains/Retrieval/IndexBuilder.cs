using System.Globalization;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using FSDirectory = Lucene.Net.Store.FSDirectory;
using Workbench.Grains.Embeddings;

namespace Workbench.Grains.Retrieval;

/// <summary>
/// Builds a version of an index from a JSONL file of documents, streaming: documents are checked, hashed,
/// indexed and (for a dense index) embedded as they are read, in a temporary folder that becomes the
/// version only when everything succeeded. The same documents and settings always give the same version,
/// which is then not built twice.
/// </summary>
public static class IndexBuilder
{
    /// <summary>The field holding a document's id in Lucene.</summary>
    public const string IdField = "id";

    /// <summary>The field holding a document's text in Lucene, searched and stored for snippets.</summary>
    public const string ContentsField = "contents";

    private const int EmbeddingBatch = 64;

    /// <summary>Builds (or finds) the version of <paramref name="name"/> for the documents in <paramref name="documentsPath"/> and makes it current.</summary>
    /// <param name="folder">Where versions live.</param>
    /// <param name="name">The index.</param>
    /// <param name="documentsPath">JSONL documents.</param>
    /// <param name="settings">How to analyse and rank.</param>
    /// <param name="progress">Told the number of documents read so far, every thousand.</param>
    /// <param name="cancellationToken">Stops the build; nothing is left behind.</param>
    /// <returns>The version, and whether it was built now (false: it existed already).</returns>
    /// <exception cref="FormatException">A document is bad; the message names its line.</exception>
    public static Task<(IndexVersion Version, bool Built)> BuildAsync(
        IndexFolder folder, string name, string documentsPath, IndexSettings settings, Action<int>? progress, CancellationToken cancellationToken) =>
        BuildAsync(folder, name, IndexDocumentReader.Read(documentsPath, settings), settings, makeCurrent: true, progress, cancellationToken);

    /// <summary>Builds (or finds) the version of <paramref name="name"/> for <paramref name="source"/>.</summary>
    /// <param name="folder">Where versions live.</param>
    /// <param name="name">The index.</param>
    /// <param name="source">The documents, in order.</param>
    /// <param name="settings">How to analyse and rank.</param>
    /// <param name="makeCurrent">Whether searches of the index use the version from now on.</param>
    /// <param name="progress">Told the number of documents read so far, every thousand.</param>
    /// <param name="cancellationToken">Stops the build; nothing is left behind.</param>
    /// <returns>The version, and whether it was built now (false: it existed already).</returns>
    public static Task<(IndexVersion Version, bool Built)> BuildAsync(
        IndexFolder folder, string name, IEnumerable<IndexDocument> source, IndexSettings settings, bool makeCurrent, Action<int>? progress, CancellationToken cancellationToken) =>
        BuildAsync(folder, name, source, settings, null, makeCurrent, progress, cancellationToken);

    /// <summary>Builds (or finds) the version of <paramref name="name"/> for <paramref name="source"/>, with embeddings computed before.</summary>
    /// <param name="folder">Where versions live.</param>
    /// <param name="name">The index.</param>
    /// <param name="source">The documents, in order.</param>
    /// <param name="settings">How to analyse and rank.</param>
    /// <param name="vectors">The documents' embeddings in order (<c>dense.f32</c> of the same version), or null to compute them when the settings ask for them.</param>
    /// <param name="makeCurrent">Whether searches of the index use the version from now on.</param>
    /// <param name="progress">Told the number of documents read so far, every thousand.</param>
    /// <param name="cancellationToken">Stops the build; nothing is left behind.</param>
    /// <returns>The version, and whether it was built now (false: it existed already).</returns>
    public static async Task<(IndexVersion Version, bool Built)> BuildAsync(
        IndexFolder folder, string name, IEnumerable<IndexDocument> source, IndexSettings settings, byte[]? vectors, bool makeCurrent, Action<int>? progress, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.Combine(folder.Root, name));
        var temporary = Path.Combine(folder.Root, name, $".building-{Environment.ProcessId}-{Guid.NewGuid():N}");
        try
        {
            var count = 0;
            using var hash = StartHash(settings);
            var similarity = new Lucene8Bm25Similarity(settings.K1, settings.B);
            using (var directory = FSDirectory.Open(Path.Combine(temporary, "lucene")))
            using (var analyzer = IndexFolder.AnalyzerOf(settings))
            using (var writer = new IndexWriter(directory, new IndexWriterConfig(IndexFolder.Lucene, analyzer) { Similarity = similarity, RAMBufferSizeMB = 256, MergePolicy = new LogByteSizeMergePolicy() }))
            await using (var documents = new StreamWriter(Path.Combine(temporary, "documents.jsonl")))
            await using (var embeddings = settings.Dense && vectors is null ? File.Create(Path.Combine(temporary, "dense.f32")) : null)
            {
                // Two stages on two threads: this one reads, checks, hashes and copies the documents (and embeds them);
                // the other analyses and indexes them, one at a time and in file order.
                using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                var queue = Channel.CreateBounded<IndexDocument>(new BoundedChannelOptions(4_096) { SingleReader = true, SingleWriter = true });
                var indexing = Task.Run(async () =>
                {
                    try
                    {
                        await IndexAsync(writer, queue.Reader, stop.Token).ConfigureAwait(false);
                    }
                    catch
                    {
                        // The reader must not wait on a full queue that nothing empties any more.
                        await stop.CancelAsync().ConfigureAwait(false);
                        throw;
                    }
                }, CancellationToken.None);
                try
                {
                    var pending = new List<string>(EmbeddingBatch);
                    foreach (var item in source)
                    {
                        cancellationToken.ThrowIfCancellationRequested();
                        Append(hash, item);
                        if (!queue.Writer.TryWrite(item))
                        {
                            await queue.Writer.WriteAsync(item, stop.Token).ConfigureAwait(false);
                        }
                        await documents.WriteLineAsync(JsonSerializer.Serialize(new { id = item.Id, fields = item.Fields }).AsMemory(), cancellationToken).ConfigureAwait(false);
                        if (embeddings is not null)
                        {
                            pending.Add(item.Contents);
                            if (pending.Count == EmbeddingBatch)
                            {
                                await EmbedAsync(pending, embeddings, cancellationToken).ConfigureAwait(false);
                            }
                        }
                        if (++count % 1000 == 0)
                        {
                            progress?.Invoke(count);
                        }
                    }
                    if (embeddings is not null)
                    {
                        await EmbedAsync(pending, embeddings, cancellationToken).ConfigureAwait(false);
                    }
                    queue.Writer.Complete();
                }
                catch
                {
                    await stop.CancelAsync().ConfigureAwait(false);
                    queue.Writer.TryComplete();
                    try
                    {
                        await indexing.ConfigureAwait(false);
                    }
                    catch (OperationCanceledException)
                    {
                    }
                    throw;
                }
                await indexing.ConfigureAwait(false);
                // One writer thread, and merges of adjacent segments only (LogByteSizeMergePolicy): Lucene's document
                // numbers follow file order, the order the dense vectors are stored in and that breaks ties.
                writer.Commit();
            }
            progress?.Invoke(count);
            if (settings.Dense && vectors is not null)
            {
                await File.WriteAllBytesAsync(Path.Combine(temporary, "dense.f32"), vectors, cancellationToken).ConfigureAwait(false);
            }
            var version = new IndexVersion(name, Name(hash), count, settings, DateTimeOffset.UtcNow);
            var final = folder.PathOf(name, version.Version);
            var built = !Directory.Exists(final);
            if (built)
            {
                await File.WriteAllTextAsync(Path.Combine(temporary, "version.json"), JsonSerializer.Serialize(version), cancellationToken).ConfigureAwait(false);
                try
                {
                    Directory.Move(temporary, final);
                }
                catch (IOException) when (Directory.Exists(final))
                {
                    // Another build of the same version (a second process on this folder) moved its copy in first.
                    built = false;
                }
            }
            if (!built)
            {
                version = JsonSerializer.Deserialize<IndexVersion>(await File.ReadAllTextAsync(Path.Combine(final, "version.json"), cancellationToken).ConfigureAwait(false))!;
            }
            if (makeCurrent)
            {
                folder.MakeCurrent(version);
            }
            return (version, built);
        }
        finally
        {
            if (Directory.Exists(temporary))
            {
                Directory.Delete(temporary, recursive: true);
            }
        }
    }

    /// <summary>Indexes the documents of <paramref name="queue"/> in the order they come; a failure closes the queue, stopping the reader.</summary>
    private static async Task IndexAsync(IndexWriter writer, ChannelReader<IndexDocument> queue, CancellationToken cancellationToken)
    {
        var id = new StringField(IdField, "", Field.Store.YES);
        var contents = new TextField(ContentsField, "", Field.Store.YES);
        var document = new Document { id, contents };
        while (await queue.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
        {
            while (queue.TryRead(out var item))
            {
                id.SetStringValue(item.Id);
                contents.SetStringValue(item.Contents);
                writer.AddDocument(document);
            }
        }
    }

    /// <summary>The version that <paramref name="documents"/> under <paramref name="settings"/> would build, without building it.</summary>
    public static string VersionOf(IndexSettings settings, IEnumerable<IndexDocument> documents)
    {
        using var hash = StartHash(settings);
        foreach (var document in documents)
        {
            Append(hash, document);
        }
        return Name(hash);
    }

    private static IncrementalHash StartHash(IndexSettings settings)
    {
        var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes(SettingsKey(settings)));
        return hash;
    }

    private static void Append(IncrementalHash hash, IndexDocument document) =>
        hash.AppendData(Encoding.UTF8.GetBytes(document.Id + "\u0001" + string.Join("\u0002", document.Fields) + "\u0000"));

    private static string Name(IncrementalHash hash) => Convert.ToHexStringLower(hash.GetHashAndReset())[..12];

    /// <summary>Everything in the settings that changes what the index holds or how it ranks.</summary>
    private static string SettingsKey(IndexSettings settings) => string.Create(CultureInfo.InvariantCulture,
        $"workbench-index-v1|{settings.IdField}|{string.Join(",", settings.Fields)}|{settings.Analyzer}|{settings.K1:R}|{settings.B:R}|{(settings.Dense ? "arctic-xs" : "none")}\n");

    private static async Task EmbedAsync(List<string> texts, Stream vectors, CancellationToken cancellationToken)
    {
        if (texts.Count == 0)
        {
            return;
        }
        var embeddings = await EmbeddingModels.Shared.Get("arctic-xs").GenerateAsync(texts, cancellationToken: cancellationToken).ConfigureAwait(false);
        foreach (var embedding in embeddings)
        {
            await vectors.WriteAsync(MemoryMarshal.AsBytes(embedding.Vector.Span).ToArray(), cancellationToken).ConfigureAwait(false);
        }
        texts.Clear();
    }
}
