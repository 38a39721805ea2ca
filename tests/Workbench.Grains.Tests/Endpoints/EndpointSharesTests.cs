using Workbench.Evaluation.Specs;

namespace Workbench.Grains.Tests.Endpoints;

public sealed class EndpointSharesTests
{
    [Theory]
    [InlineData(12, 3)]
    [InlineData(10, 3)]
    [InlineData(1200, 7)]
    [InlineData(5, 5)]
    [InlineData(40, 1)]
    public void Shares_of_a_limit_add_up_to_it_and_differ_by_at_most_one(int limit, int silos)
    {
        var shares = Enumerable.Range(0, silos).Select(rank => EndpointShares.ShareOf(limit, rank, silos)).ToList();

        Assert.Equal(limit, shares.Sum());
        Assert.InRange(shares.Max() - shares.Min(), 0, 1);
    }

    [Fact]
    public void A_limit_below_the_number_of_silos_still_gives_each_silo_one_call()
    {
        Assert.All(Enumerable.Range(0, 4), rank => Assert.Equal(1, EndpointShares.ShareOf(2, rank, 4)));
    }

    [Theory]
    [InlineData(LimitScope.Cluster, 2)]
    [InlineData(LimitScope.Silo, 6)]
    public void A_silo_holds_its_share_of_a_shared_servers_limit_and_the_whole_limit_of_its_own(LimitScope scope, int expected)
    {
        var spec = new EndpointSpec("e", "simulated", "m", new Dictionary<string, SpecValue>(), new Dictionary<string, SpecValue>(),
            MaxConcurrency: 6, RequestsPerMinute: null, TokensPerMinute: null, TimeSpan.FromSeconds(1), Retries: 0, Price: null, null, Line: 1, scope);

        using var pipeline = EndpointPipeline.Create(spec, "spec.yaml", null, TimeProvider.System, _ => null, new FirstOfThree(), null);

        Assert.Equal(expected, pipeline.Client.GetService<ConcurrencyLimitChatClient>()!.Share);
    }

    private sealed class FirstOfThree : EndpointShares
    {
        public FirstOfThree() => Move(0, 3);
    }
}
