namespace Workbench.Grains.Retrieval;

/// <summary>A document a search found.</summary>
/// <param name="DocumentId">The document's id.</param>
/// <param name="Score">Its score in the search's mode; higher is better.</param>
/// <param name="Snippet">A passage of the document with the query's terms marked as **term**, or empty.</param>
/// <param name="Text">The document's text as indexed: its fields, one per line.</param>
public sealed record SearchHit(string DocumentId, double Score, string Snippet, string Text);
