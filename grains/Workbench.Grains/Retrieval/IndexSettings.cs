namespace Workbench.Grains.Retrieval;

/// <summary>How an index analyses and ranks: part of its version, so changing any of it builds a new version.</summary>
/// <param name="IdField">The documents' id field.</param>
/// <param name="Fields">The text fields, searched together.</param>
/// <param name="Analyzer">english (Lucene's EnglishAnalyzer: stop words, possessives, Porter stemming) or standard.</param>
/// <param name="K1">BM25's k1.</param>
/// <param name="B">BM25's b.</param>
/// <param name="Dense">Whether the version also holds arctic-xs embeddings for dense and hybrid search.</param>
[GenerateSerializer, Immutable]
public sealed record IndexSettings(
    [property: Id(0)] string IdField,
    [property: Id(1)] IReadOnlyList<string> Fields,
    [property: Id(2)] string Analyzer,
    [property: Id(3)] float K1,
    [property: Id(4)] float B,
    [property: Id(5)] bool Dense)
{
    /// <summary>The settings when nothing is said: id, title and text, English analysis, BM25 k1 1.2 and b 0.75, no embeddings.</summary>
    public static IndexSettings Default { get; } = new("id", ["title", "text"], "english", 1.2f, 0.75f, false);
}
