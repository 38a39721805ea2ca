namespace Workbench.Silo.Runs;

/// <summary>
/// The work items this process has claimed and not yet committed or put back. The lowest of them is
/// how far results can be written in dataset order: no row before it is still on its way.
/// </summary>
internal sealed class RowsInFlight
{
    private readonly SortedSet<long> _seqs = [];
    private readonly Lock _lock = new();

    /// <summary>A claimed item.</summary>
    public void Add(long seq)
    {
        lock (_lock)
        {
            _seqs.Add(seq);
        }
    }

    /// <summary>An item committed or put back.</summary>
    public void Remove(long seq)
    {
        lock (_lock)
        {
            _seqs.Remove(seq);
        }
    }

    /// <summary>The lowest item still in flight, or <see cref="long.MaxValue"/> when none is.</summary>
    public long Lowest
    {
        get
        {
            lock (_lock)
            {
                return _seqs.Count == 0 ? long.MaxValue : _seqs.Min;
            }
        }
    }
}
