using System.Globalization;
using System.Text;
using Workbench.Evaluation.Datasets;
using Workbench.Grains.Retrieval;
using Workbench.Grains.Runs;

namespace Workbench.Silo.Runs;

/// <summary>
/// What a run would do, without doing it: the matrix size, and tokens and cost estimated from the
/// rendered prompts (about four characters a token). Output tokens are the endpoint's
/// <c>max_tokens</c> when set, otherwise assumed equal to the input, and the estimate says so.
/// With retrieval, each row's query is searched in the local index, so the prompts are counted
/// with the documents they would be given (the assumed output is as long as the prompt without
/// them); rows whose retrieval would fail are counted apart.
/// </summary>
public sealed record DryRunEstimate(long Rows, int Variants, long Cells, long JudgeCalls, IReadOnlyList<DryRunEndpoint> Endpoints, long BadRows, long FailedRetrievals = 0, bool Retrieves = false)
{
    /// <summary>Streams the dataset and renders every prompt for every row, searching <paramref name="index"/> for each row when the spec retrieves.</summary>
    public static async Task<DryRunEstimate> ComputeAsync(RunPlan plan, RetrievalIndex? index, IRunProgress progress, CancellationToken cancellationToken)
    {
        const int NotedFailures = 10;
        // Output is assumed as long as the prompt without its retrieved documents: an answer does not repeat them.
        long inputTokens = 0, ownTokens = 0;
        long rows = 0, bad = 0, failedRetrievals = 0;
        await foreach (var row in DatasetReader.ReadAsync(plan.Spec.Dataset, error => { bad++; progress.Note($"bad row {error}"); }, cancellationToken).ConfigureAwait(false))
        {
            if (plan.ProblemWith(row.Fields) is { } problem)
            {
                bad++;
                progress.Note($"bad row {plan.Spec.Dataset.DisplayPath}:{row.Line}: {problem}");
                continue;
            }
            rows++;
            var fields = row.Fields;
            if (index is not null && plan.RetrievalQuery is { } query && plan.Spec.Retrieval is { } retrieval)
            {
                var (context, failure) = await RowRetrieval.RetrieveAsync(index, query, retrieval, row.Fields, cancellationToken).ConfigureAwait(false);
                if (failure is not null)
                {
                    // The run would fail this row's cells without calling a model.
                    if (++failedRetrievals <= NotedFailures)
                    {
                        progress.Note($"row {plan.Spec.Dataset.DisplayPath}:{row.Line}: {failure}");
                    }
                    continue;
                }
                fields = RowRetrieval.WithContext(row.Fields, context!);
            }
            foreach (var messages in plan.Templates.Values)
            {
                var tokens = messages.Sum(m => Tokens(m.Template.Render(fields)));
                inputTokens += tokens;
                ownTokens += ReferenceEquals(fields, row.Fields) ? tokens : messages.Sum(m => Tokens(m.Template.Render(row.Fields)));
            }
        }
        if (failedRetrievals > NotedFailures)
        {
            progress.Note($"... and {failedRetrievals - NotedFailures:N0} more rows whose retrieval would fail.");
        }
        var called = rows - failedRetrievals;
        var endpoints = plan.Spec.Endpoints.Select(endpoint =>
        {
            var input = inputTokens * plan.Spec.Repeats;
            var maxTokens = endpoint.Parameters.GetValueOrDefault("max_tokens")?.AsNumber();
            var output = maxTokens is { } max ? (long)max * called * plan.Spec.Prompts.Count * plan.Spec.Repeats : ownTokens * plan.Spec.Repeats;
            return new DryRunEndpoint(endpoint.Id, called * plan.Spec.Prompts.Count * plan.Spec.Repeats, input, output, maxTokens is not null,
                endpoint.Price?.Cost(input, output));
        }).ToList();
        var judges = plan.Scorers.Count(s => s.CallsJudge);
        return new DryRunEstimate(rows, plan.Variants.Count, rows * plan.Variants.Count, called * plan.Variants.Count * judges, endpoints, bad, failedRetrievals, index is not null);
    }

    /// <summary>About four characters a token, and a few tokens for the message's framing.</summary>
    private static long Tokens(string text) => ((text.Length + 3) / 4) + 4;

    /// <summary>The estimate as the console shows it.</summary>
    public string Describe()
    {
        var text = new StringBuilder();
        var calls = (Rows - FailedRetrievals) * Variants;
        text.AppendLine(CultureInfo.InvariantCulture, $"dry run: {Rows:N0} rows × {Variants:N0} variants = {Cells:N0} cells ({calls:N0} model calls{(JudgeCalls > 0 ? $" + {JudgeCalls:N0} judge calls" : "")}); nothing was called.");
        if (FailedRetrievals > 0)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  {FailedRetrievals:N0} rows would fail their retrieval (listed above), and their cells with it.");
        }
        if (BadRows > 0)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  {BadRows:N0} bad rows (listed above) would stop the run; fix them or pass --skip-bad-rows.");
        }
        foreach (var endpoint in Endpoints)
        {
            var cost = endpoint.Cost is { } value ? string.Create(CultureInfo.InvariantCulture, $", ~{value:0.####} cost") : ", no price set";
            var assumption = endpoint.OutputFromMaxTokens ? " (max_tokens)"
                : Retrieves ? " (assumed as long as the input without its retrieved documents)" : " (assumed as long as the input)";
            text.AppendLine(CultureInfo.InvariantCulture,
                $"  {endpoint.Id}: {endpoint.Calls:N0} calls, ~{endpoint.InputTokens:N0} input tokens, ~{endpoint.OutputTokens:N0} output tokens{assumption}{cost}");
        }
        var total = Endpoints.Where(e => e.Cost is not null).Sum(e => e.Cost!.Value);
        text.Append(string.Create(CultureInfo.InvariantCulture, $"  estimated cost: {total:0.####}"));
        return text.ToString();
    }
}
