using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Workbench.Silo.Hosting;

namespace Workbench.Silo.Tests.Hosting;

public sealed class EmbeddedSiloTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("workbench-silo-").FullName;

    [Fact]
    public async Task A_port_taken_between_picking_and_binding_is_retried_on_fresh_ports()
    {
        // Another process got there first: the port is listened on when the silo tries to bind it.
        using var squatter = new TcpListener(IPAddress.Loopback, 0);
        squatter.Start();
        var taken = ((IPEndPoint)squatter.LocalEndpoint).Port;
        var picked = new List<int>();
        int Pick()
        {
            var port = picked.Count == 0 ? taken : LoopbackPorts.Free();
            picked.Add(port);
            return port;
        }

        await using var silo = await EmbeddedSilo.StartAsync(Path.Combine(_folder, "wb.db"), logging => logging.ClearProviders(), Pick, TestContext.Current.CancellationToken);

        Assert.Equal(taken, picked[0]);
        Assert.Equal(4, picked.Count);
        Assert.DoesNotContain(taken, picked.Skip(1));
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
