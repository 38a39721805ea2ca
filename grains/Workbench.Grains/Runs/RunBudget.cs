namespace Workbench.Grains.Runs;

/// <summary>
/// The run's caps on model calls and cost, shared by every row. A call is reserved before it is
/// made, so the call cap is never overshot; cost is known only afterwards, so calls already in
/// flight when the cost cap is reached may take it slightly past.
/// </summary>
public sealed class RunBudget(long? maxCalls, decimal? maxCost, long callsSoFar = 0, decimal costSoFar = 0)
{
    /// <summary>
    /// Shard <paramref name="shard"/>'s part of a run's budget when <paramref name="shards"/> shards spend
    /// it at once: what is left is split evenly (the spare calls to the first shards), so together they
    /// never pass a cap. The counts start from what the whole run has spent.
    /// </summary>
    public static RunBudget ShareOf(long? maxCalls, decimal? maxCost, long callsSoFar, decimal costSoFar, int shard, int shards)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(shards);
        long? calls = maxCalls is { } max
            ? callsSoFar + (Math.Max(0, max - callsSoFar) / shards) + (shard < Math.Max(0, max - callsSoFar) % shards ? 1 : 0)
            : null;
        decimal? cost = maxCost is { } most ? costSoFar + (Math.Max(0, most - costSoFar) / shards) : null;
        return new RunBudget(calls, cost, callsSoFar, costSoFar);
    }

    private readonly Lock _lock = new();
    private long _calls = callsSoFar;
    private decimal _cost = costSoFar;

    /// <summary>Whether a cap has been reached.</summary>
    public bool Exhausted
    {
        get { lock (_lock) { return (maxCalls is { } calls && _calls >= calls) || (maxCost is { } cost && _cost >= cost); } }
    }

    /// <summary>Calls made so far.</summary>
    public long Calls
    {
        get { lock (_lock) { return _calls; } }
    }

    /// <summary>Cost so far.</summary>
    public decimal Cost
    {
        get { lock (_lock) { return _cost; } }
    }

    /// <summary>Reserves one model call; false when the budget is spent.</summary>
    public bool TryReserveCall()
    {
        lock (_lock)
        {
            if ((maxCalls is { } calls && _calls >= calls) || (maxCost is { } cost && _cost >= cost))
            {
                return false;
            }
            _calls++;
            return true;
        }
    }

    /// <summary>Gives back a reservation for a call that was answered from the cache, which costs nothing.</summary>
    public void Release()
    {
        lock (_lock)
        {
            _calls--;
        }
    }

    /// <summary>Adds the cost of a finished call.</summary>
    public void Spend(decimal cost)
    {
        lock (_lock)
        {
            _cost += cost;
        }
    }
}
