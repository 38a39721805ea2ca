namespace Workbench.Grains.Retrieval;

/// <summary>How an index ranks documents for a query.</summary>
public enum SearchMode
{
    /// <summary>Lucene with Lucene 8's BM25.</summary>
    Bm25,

    /// <summary>Cosine similarity of arctic-xs embeddings.</summary>
    Dense,

    /// <summary>Reciprocal rank fusion of the two (k = 60).</summary>
    Hybrid,
}
