using Workbench.Evaluation.Statistics;

namespace Workbench.Evaluation.Tests.Statistics;

public sealed class MannWhitneyTestTests
{
    // SciPy docs, scipy.stats.mannwhitneyu example: the ages of nine young adults, five male and four female.
    private static readonly double[] Males = [19, 22, 16, 29, 24];
    private static readonly double[] Females = [20, 11, 17, 12];

    [Fact]
    public void Exact_two_sided_test_matches_the_SciPy_documentation_example()
    {
        // mannwhitneyu(males, females, method="exact") gives statistic=17.0, pvalue=0.1111111111111111 (14/126).
        var result = MannWhitneyTest.Test(Males, Females, method: RankTestMethod.Exact);

        Assert.Equal(17.0, result.Statistic);
        Assert.Equal(0.1111111111111111, result.PValue, 1e-15);
        Assert.Equal("exact", result.Method);
    }

    [Fact]
    public void Small_samples_without_ties_are_tested_exactly_by_default()
    {
        var result = MannWhitneyTest.Test(Males, Females);

        Assert.Equal("exact", result.Method);
        Assert.Equal(14.0 / 126.0, result.PValue, 1e-15);
    }

    [Fact]
    public void Asymptotic_two_sided_test_matches_the_SciPy_documentation_example()
    {
        // mannwhitneyu(males, females) with method="asymptotic" and the continuity correction on gives
        // statistic=17.0, pvalue=0.11134688653314041.
        var result = MannWhitneyTest.Test(Males, Females, method: RankTestMethod.Asymptotic);

        Assert.Equal(17.0, result.Statistic);
        Assert.Equal(0.11134688653314041, result.PValue, 1e-13);
        Assert.Equal("asymptotic", result.Method);
    }

    [Fact]
    public void Exact_one_sided_p_values_match_enumeration_of_every_arrangement()
    {
        // Under the null every one of the C(9, 4) = 126 ways to pick which ranks are the females' is equally
        // likely; count those whose U of the males is at least (at most) the observed 17.
        var pooled = Males.Concat(Females).ToArray();
        var observed = U(Males, Females);
        var atLeast = 0;
        var atMost = 0;
        var total = 0;
        foreach (var chosen in Subsets(pooled.Length, Females.Length))
        {
            var second = chosen.Select(i => pooled[i]).ToArray();
            var first = pooled.Where((_, i) => !chosen.Contains(i)).ToArray();
            var u = U(first, second);
            atLeast += u >= observed ? 1 : 0;
            atMost += u <= observed ? 1 : 0;
            total++;
        }

        Assert.Equal(126, total);
        Assert.Equal(17.0, observed);
        Assert.Equal(atLeast / 126.0, MannWhitneyTest.Test(Males, Females, Alternative.Greater).PValue, 1e-15);
        Assert.Equal(atMost / 126.0, MannWhitneyTest.Test(Males, Females, Alternative.Less).PValue, 1e-15);
    }

    [Fact]
    public void Ties_switch_the_default_to_the_normal_approximation()
    {
        var result = MannWhitneyTest.Test([1.0, 2, 3, 3], [3.0, 4, 5]);

        Assert.Equal("asymptotic", result.Method);
    }

    [Fact]
    public void Rejects_empty_samples_and_NaN()
    {
        Assert.Throws<ArgumentException>(() => MannWhitneyTest.Test([], [1.0]));
        Assert.Throws<ArgumentException>(() => MannWhitneyTest.Test([1.0, double.NaN], [1.0]));
    }

    /// <summary>U of the first sample by its definition: the pairs in which its value is larger, ties counting half.</summary>
    private static double U(IReadOnlyList<double> first, IReadOnlyList<double> second) =>
        first.Sum(a => second.Sum(b => a > b ? 1.0 : a == b ? 0.5 : 0.0));

    private static IEnumerable<int[]> Subsets(int n, int k)
    {
        for (var mask = 0; mask < 1 << n; mask++)
        {
            if (int.PopCount(mask) == k)
            {
                yield return [.. Enumerable.Range(0, n).Where(i => (mask & (1 << i)) != 0)];
            }
        }
    }
}
