using Workbench.Evaluation.Statistics;

namespace Workbench.Silo.Runs;

/// <summary>
/// Watches a run's rows as they are written and says when every pair of variants differs on the stop
/// rule's score, by the mixture SPRT at α split evenly over the pairs (so the chance of any false
/// decision stays at most α however often it is checked). A row counts once its cells are all written;
/// repeats are averaged within the row.
/// </summary>
internal sealed class EarlyStop
{
    private readonly int _groups;
    private readonly (int A, int B, MixtureSequentialTest Test)[] _pairs;
    private readonly double[] _sums;
    private readonly int[] _counts;
    private long _row = -1;

    public EarlyStop(int groups, double alpha)
    {
        _groups = groups;
        var pairs = groups * (groups - 1) / 2;
        _pairs = [.. from a in Enumerable.Range(0, groups) from b in Enumerable.Range(a + 1, groups - a - 1) select (a, b, new MixtureSequentialTest(alpha / Math.Max(1, pairs)))];
        _sums = new double[groups];
        _counts = new int[groups];
    }

    /// <summary>Whether every pair's difference is known.</summary>
    public bool Decided => _pairs.Length > 0 && _pairs.All(p => p.Test.Decided);

    /// <summary>Each pair's test, for the summary.</summary>
    public IEnumerable<(int A, int B, MixtureSequentialTest Test)> Pairs => _pairs;

    /// <summary>One cell's value of the score (NaN when it has none).</summary>
    public void Add(int group, long row, double value)
    {
        if (row != _row)
        {
            Flush();
            _row = row;
        }
        if (!double.IsNaN(value))
        {
            _sums[group] += value;
            _counts[group]++;
        }
    }

    /// <summary>Counts the current row; call when its cells are all in.</summary>
    public void Flush()
    {
        if (_row < 0)
        {
            return;
        }
        foreach (var (a, b, test) in _pairs)
        {
            if (_counts[a] > 0 && _counts[b] > 0)
            {
                test.Add((_sums[b] / _counts[b]) - (_sums[a] / _counts[a]));
            }
        }
        Array.Clear(_sums);
        Array.Clear(_counts);
        _row = -1;
    }

    /// <summary>The groups being compared.</summary>
    public int Groups => _groups;
}
