namespace Workbench.Evaluation.Specs;

/// <summary>
/// <c>retrieval: {index: cranfield, query: "{{question}}", k: 5, mode: hybrid}</c>: before a row's prompts
/// are rendered, the query template is rendered with the row's fields and searched in the index; the
/// hits become the template fields <c>context</c> (their texts, numbered) and <c>context_ids</c>.
/// </summary>
/// <param name="Index">The index's name, as <c>workbench index build NAME</c> built it.</param>
/// <param name="Query">The query, a template over the row's fields.</param>
/// <param name="K">How many documents each row is given.</param>
/// <param name="Mode">bm25, dense or hybrid.</param>
/// <param name="Line">Where the block is written.</param>
public sealed record RetrievalSpec(string Index, string Query, int K, string Mode, int Line)
{
    /// <summary>The search modes a spec may name.</summary>
    public static readonly IReadOnlyList<string> Modes = ["bm25", "dense", "hybrid"];
}
