namespace Workbench.Grains.Retrieval;

/// <summary>A document to index: its id and its text fields, in the order the index's settings name them.</summary>
/// <param name="Id">The document's id, unique in the index.</param>
/// <param name="Fields">The text of each field; an absent field is empty.</param>
public sealed record IndexDocument(string Id, IReadOnlyList<string> Fields)
{
    /// <summary>The fields' text searched together.</summary>
    public string Contents => string.Join("\n", Fields.Where(f => f.Length > 0));
}
