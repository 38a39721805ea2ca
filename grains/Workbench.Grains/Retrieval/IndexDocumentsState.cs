namespace Workbench.Grains.Retrieval;

/// <summary>The persisted documents of one index version.</summary>
[GenerateSerializer]
public sealed class IndexDocumentsState
{
    /// <summary>The version's <c>documents.jsonl</c>, gzip-compressed; null until stored.</summary>
    [Id(0)]
    public byte[]? Documents { get; set; }

    /// <summary>The version's <c>dense.f32</c>, or null when it has no embeddings.</summary>
    [Id(1)]
    public byte[]? Vectors { get; set; }
}
