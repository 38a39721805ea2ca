using Microsoft.Extensions.AI;
using Workbench.Evaluation.Scoring;
using Workbench.Grains.Endpoints;

namespace Workbench.Grains.Shards;

/// <summary>The judge of one cell: it sends judge prompts through the budget and counts what they cost, so the cell records its whole spend.</summary>
internal sealed class CellJudge(RowEvaluator evaluator) : IJudge
{
    private int _calls;
    private decimal _cost;

    /// <summary>Judge calls that reached a model (cache hits excluded).</summary>
    public int Calls => _calls;

    /// <summary>What those calls cost.</summary>
    public decimal Cost => _cost;

    /// <inheritdoc />
    public async Task<string> AskAsync(string endpointId, string system, string prompt, CancellationToken cancellationToken)
    {
        var answer = await evaluator.CallAsync(
            endpointId,
            new ModelRequest([new ChatMessage(ChatRole.System, system), new ChatMessage(ChatRole.User, prompt)], "judge", endpointId, 0),
            cancellationToken).ConfigureAwait(false);
        if (!answer.Cached)
        {
            _calls++;
            _cost += answer.Cost;
        }
        return answer.Text;
    }
}
