namespace Workbench.Grains.Endpoints;

/// <summary>
/// This silo's share of every endpoint's cluster-wide limits (<c>max_concurrency</c>, <c>rpm</c>,
/// <c>tpm</c>). A limit is split among the active silos: each gets <c>limit / silos</c>, and the first
/// <c>limit % silos</c> silos in address order one more, so the shares add up to the limit exactly.
/// Every silo computes its share from its own view of membership, with no grain in the call path and
/// no coordination; when membership changes the shares are recomputed and the limiters rebuilt. The
/// embedded default has one silo, which gets every limit whole.
/// </summary>
public class EndpointShares
{
    private volatile Tuple<int, int> _place = Tuple.Create(0, 1);
    private int _version;

    /// <summary>This silo's place among the active silos, in address order, and how many there are.</summary>
    public (int Rank, int Silos) Place => _place.ToValueTuple();

    /// <summary>Bumped whenever <see cref="Place"/> changes, so limiters know to rebuild.</summary>
    public int Version => Volatile.Read(ref _version);

    /// <summary>The share of <paramref name="limit"/> that the silo at <paramref name="rank"/> of <paramref name="silos"/> gets; never below one, so every silo can make progress.</summary>
    public static int ShareOf(int limit, int rank, int silos)
    {
        if (silos <= 1)
        {
            return limit;
        }
        return Math.Max(1, (limit / silos) + (rank < limit % silos ? 1 : 0));
    }

    /// <summary>This silo's share of <paramref name="limit"/> now.</summary>
    public int ShareOf(int limit)
    {
        var place = _place;
        return ShareOf(limit, place.Item1, place.Item2);
    }

    /// <summary>Records this silo's new place; limiters rebuild on their next call.</summary>
    protected void Move(int rank, int silos)
    {
        silos = Math.Max(1, silos);
        if (Place == (rank, silos))
        {
            return;
        }
        _place = Tuple.Create(rank, silos);
        Interlocked.Increment(ref _version);
    }
}
