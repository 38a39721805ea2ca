using Workbench.Evaluation.Retrieval;
using Workbench.Evaluation.Specs;
using Workbench.Evaluation.Templates;
using Workbench.Grains.Runs;

namespace Workbench.Grains.Retrieval;

/// <summary>
/// What a spec's <c>retrieval:</c> gives one dataset row: its query searched in the pinned index
/// version, and the row's fields with <c>context</c> and <c>context_ids</c> added for its prompts.
/// A run and a dry run retrieve the same way.
/// </summary>
public static class RowRetrieval
{
    /// <summary>Searches <paramref name="index"/> for the row's query; a query that renders empty or cannot be searched is the row's error.</summary>
    public static async Task<(RetrievedContext? Context, string? Error)> RetrieveAsync(
        RetrievalIndex index, PromptTemplate query, RetrievalSpec retrieval, IReadOnlyDictionary<string, object?> fields, CancellationToken cancellationToken)
    {
        string text;
        try
        {
            text = query.Render(fields);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            return (null, $"the retrieval query could not be rendered for this row: {exception.Message}");
        }
        if (string.IsNullOrWhiteSpace(text))
        {
            return (null, "the retrieval query is empty for this row; check `retrieval.query` and the row's fields.");
        }
        // The spec's modes (bm25, dense, hybrid) are the enum's names.
        var mode = Enum.Parse<SearchMode>(retrieval.Mode, ignoreCase: true);
        try
        {
            var hits = await index.SearchAsync(text, retrieval.K, mode, snippets: false, cancellationToken).ConfigureAwait(false);
            return (new RetrievedContext(index.Version.Name, index.Version.Version, text, [.. hits.Select(h => h.DocumentId)], [.. hits.Select(h => h.Text)]), null);
        }
        catch (ArgumentException exception)
        {
            return (null, $"the retrieval query could not be searched: {exception.Message}");
        }
    }

    /// <summary>The row as its prompts see it: its own fields, and the documents it was given.</summary>
    public static IReadOnlyDictionary<string, object?> WithContext(IReadOnlyDictionary<string, object?> fields, RetrievedContext context) =>
        new Dictionary<string, object?>(fields, StringComparer.Ordinal)
        {
            [RunPlan.ContextField] = context.Formatted,
            [RunPlan.ContextIdsField] = context.Ids.ToList(),
        };
}
