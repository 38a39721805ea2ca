namespace Workbench.Grains.Retrieval;

/// <summary>What the store keeps of an index version, enough for any silo to build it exactly.</summary>
/// <param name="Documents">The version's <c>documents.jsonl</c>, gzip-compressed.</param>
/// <param name="Vectors">Its <c>dense.f32</c> when it has embeddings, so that silos need not embed again (and all search the same vectors).</param>
[GenerateSerializer, Immutable]
public sealed record IndexPayload([property: Id(0)] byte[] Documents, [property: Id(1)] byte[]? Vectors)
{
    /// <summary>The most a payload may weigh: under Orleans' limit on one message (100 MiB).</summary>
    public const long MostBytes = 96L << 20;

    /// <summary>Its size in bytes.</summary>
    public long Bytes => Documents.LongLength + (Vectors?.LongLength ?? 0);
}
