namespace Workbench.Evaluation.Retrieval;

/// <summary>What a cell was given from an index: recorded with the cell, and read by the context scorers.</summary>
/// <param name="Index">The index's name.</param>
/// <param name="Version">The index version searched.</param>
/// <param name="Query">The query, as rendered for the row.</param>
/// <param name="Ids">The documents' ids, best first.</param>
/// <param name="Texts">The documents' texts, in the same order.</param>
public sealed record RetrievedContext(string Index, string Version, string Query, IReadOnlyList<string> Ids, IReadOnlyList<string> Texts)
{
    /// <summary>The texts as one prompt field: each numbered, with its id, separated by blank lines.</summary>
    public string Formatted => string.Join("\n\n", Texts.Select((text, i) => $"[{i + 1}] ({Ids[i]}) {text}"));
}
