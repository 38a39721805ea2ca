namespace Workbench.Evaluation.Retrieval;

/// <summary>One document a search returned for a query, with its score.</summary>
/// <param name="DocumentId">The document's id.</param>
/// <param name="Score">The search's score; higher ranks first.</param>
public readonly record struct RankedDocument(string DocumentId, double Score);
