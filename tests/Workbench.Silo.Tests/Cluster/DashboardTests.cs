using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Logging;
using Workbench.Silo.Cluster;
using Workbench.Silo.Hosting;

namespace Workbench.Silo.Tests.Cluster;

/// <summary>A cluster silo on PostgreSQL serving the Orleans Dashboard behind its token.</summary>
public sealed class DashboardTests : IAsyncDisposable
{
    private readonly TestPostgres _database = new();
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    public ValueTask DisposeAsync() => _database.DisposeAsync();

    [Fact]
    public async Task The_dashboard_answers_only_requests_that_carry_its_token()
    {
        await _database.CreateAsync();
        var port = LoopbackPorts.Free();
        await using var silo = await ClusterSilo.StartAsync(
            new ClusterSiloOptions(_database.ConnectionString, LoopbackPorts.Free(), LoopbackPorts.Free(), DashboardPort: port, DashboardToken: "s3cret"),
            logging => logging.ClearProviders(), _ct);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };

        using var without = await http.GetAsync("", _ct);
        using var wrong = await http.GetAsync("?token=guess", _ct);
        using var inQuery = await http.GetAsync("?token=s3cret", _ct);
        using var request = new HttpRequestMessage(HttpMethod.Get, "");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "s3cret");
        using var inHeader = await http.SendAsync(request, _ct);

        Assert.Equal(HttpStatusCode.Unauthorized, without.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.OK, inQuery.StatusCode);
        Assert.Contains("<html", await inQuery.Content.ReadAsStringAsync(_ct), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.OK, inHeader.StatusCode);
    }

    [Fact]
    public async Task A_dashboard_without_a_token_is_refused_before_the_silo_starts()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => ClusterSilo.StartAsync(
            new ClusterSiloOptions(_database.ConnectionString, DashboardPort: LoopbackPorts.Free()), null, _ct));

        Assert.Contains("token", error.Message, StringComparison.Ordinal);
    }
}
