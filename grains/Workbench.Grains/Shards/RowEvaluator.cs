using Microsoft.Extensions.AI;
using Workbench.Evaluation.Retrieval;
using Workbench.Evaluation.Scoring;
using Workbench.Evaluation.Templates;
using Workbench.Grains.Endpoints;
using Workbench.Grains.Retrieval;
using Workbench.Grains.Runs;

namespace Workbench.Grains.Shards;

/// <summary>
/// Evaluates dataset rows of one run: renders every variant's prompt, calls its endpoint through this
/// silo's pipeline, and scores the output. It is plain code, not a grain: a shard runs it on the thread
/// pool so that rendering and scoring use every core, while the shard's activation owns the work.
/// </summary>
internal sealed class RowEvaluator(RunPlan plan, IReadOnlyDictionary<string, EndpointPipeline> endpoints, RunBudget budget, RetrievalIndex? index = null)
{
    private readonly IReadOnlyDictionary<string, IReadOnlyList<(ChatRole Role, PromptTemplate Template)>> _templates =
        plan.Templates.ToDictionary(
            t => t.Key,
            t => (IReadOnlyList<(ChatRole, PromptTemplate)>)[.. t.Value.Select(m => (new ChatRole(m.Role), m.Template))],
            StringComparer.Ordinal);

    /// <summary>The run's budget, shared by every row of the shard.</summary>
    public RunBudget Budget => budget;

    /// <summary>Evaluates one row under every variant.</summary>
    public async Task<RowEvaluation> EvaluateAsync(WorkItem item, CancellationToken cancellationToken)
    {
        RetrievedContext? context = null;
        var fields = item.Fields;
        if (plan.RetrievalQuery is { } query && index is not null && plan.Spec.Retrieval is { } retrieval)
        {
            string? failure;
            (context, failure) = await RowRetrieval.RetrieveAsync(index, query, retrieval, item.Fields, cancellationToken).ConfigureAwait(false);
            if (failure is not null)
            {
                return new RowEvaluation([.. plan.Variants.Select(v => Failed(item, v, failure))], null);
            }
            fields = RowRetrieval.WithContext(item.Fields, context!);
        }
        var rendered = new Dictionary<string, (IReadOnlyList<ChatMessage>? Messages, string? Error)>(StringComparer.Ordinal);
        foreach (var (promptId, messages) in _templates)
        {
            try
            {
                rendered[promptId] = ([.. messages.Select(m => new ChatMessage(m.Role, m.Template.Render(fields)))], null);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // A template that fails on this row's values (a helper given the wrong kind of value) fails the row's cells, not the run.
                rendered[promptId] = (null, $"prompt `{promptId}` could not be rendered for this row: {exception.Message}");
            }
        }

        var cells = new Task<CellResult>[plan.Variants.Count];
        for (var i = 0; i < cells.Length; i++)
        {
            var variant = plan.Variants[i];
            cells[i] = EvaluateCellAsync(item, variant, rendered[variant.Prompt.Id], context, cancellationToken);
        }
        try
        {
            return new RowEvaluation(await Task.WhenAll(cells).ConfigureAwait(false), null);
        }
        catch (BudgetExhaustedException)
        {
            return new RowEvaluation([], RunStatus.BudgetExhausted);
        }
        catch (CircuitOpenException exception)
        {
            return new RowEvaluation([], exception.Message);
        }
    }

    /// <summary>Makes one model call through the budget: reserved before, released when the cache answered, spent after.</summary>
    /// <exception cref="BudgetExhaustedException">The budget is spent; the call was not made.</exception>
    public async Task<ModelAnswer> CallAsync(string endpointId, ModelRequest request, CancellationToken cancellationToken)
    {
        if (!budget.TryReserveCall())
        {
            throw new BudgetExhaustedException();
        }
        var answer = await endpoints[endpointId].CompleteAsync(request, cancellationToken).ConfigureAwait(false);
        if (answer.Cached)
        {
            budget.Release();
        }
        else
        {
            budget.Spend(answer.Cost);
        }
        return answer;
    }

    private async Task<CellResult> EvaluateCellAsync(
        WorkItem item, Variant variant, (IReadOnlyList<ChatMessage>? Messages, string? Error) prompt, RetrievedContext? context, CancellationToken cancellationToken)
    {
        if (prompt.Messages is null)
        {
            return Failed(item, variant, prompt.Error!) with { Context = context };
        }
        ModelAnswer answer;
        try
        {
            answer = await CallAsync(variant.Endpoint.Id, new ModelRequest(prompt.Messages, item.RowId, variant.Prompt.Id, variant.Repeat), cancellationToken)
                .ConfigureAwait(false);
        }
        catch (EndpointCallException exception)
        {
            // The call was made (and retried) even though it failed: it stays counted against the budget.
            return Failed(item, variant, exception.Message) with { Calls = 1, Context = context };
        }

        var input = new ScoringInput(answer.Text, item.Fields, answer.LatencyMilliseconds, answer.Cost, context);
        var scores = new Dictionary<string, Score>(plan.Scorers.Count, StringComparer.Ordinal);
        var judge = new CellJudge(this);
        foreach (var scorer in plan.Scorers)
        {
            try
            {
                scores[scorer.Id] = await scorer.ScoreAsync(input, judge, cancellationToken).ConfigureAwait(false);
            }
            catch (EndpointCallException exception)
            {
                scores[scorer.Id] = Score.Failed($"the judge call failed: {exception.Message}");
            }
            catch (Exception exception) when (exception is not (OperationCanceledException or BudgetExhaustedException or CircuitOpenException))
            {
                // A metric that cannot handle this output or reference fails this cell's score, not the run.
                scores[scorer.Id] = Score.Failed($"{scorer.Id}: {exception.Message}");
            }
        }
        return new CellResult(item.Seq, variant.Index, item.RowId, answer.Text, scores, answer.LatencyMilliseconds,
            answer.InputTokens, answer.OutputTokens, answer.Cost + judge.Cost, answer.Cached, null, (answer.Cached ? 0 : 1) + judge.Calls, context);
    }

    private static CellResult Failed(WorkItem item, Variant variant, string error) =>
        new(item.Seq, variant.Index, item.RowId, null, new Dictionary<string, Score>(), 0, 0, 0, 0, false, error);
}
