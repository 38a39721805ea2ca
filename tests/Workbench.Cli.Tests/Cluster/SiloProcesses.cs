using System.Diagnostics;
using System.Globalization;
using Npgsql;
using Workbench.Silo.Hosting;

namespace Workbench.Cli.Tests.Cluster;

/// <summary>
/// Real <c>workbench silo</c> processes on one test database, each on loopback ports of its own, with
/// their output in log files of the test's folder. A silo counts as up once membership says it is active.
/// </summary>
internal sealed class SiloProcesses(string folder, string connectionString) : IDisposable
{
    private readonly List<Process> _silos = [];
    private int _started;

    public IReadOnlyList<Process> Silos => _silos;

    /// <summary>Starts <paramref name="count"/> silos and waits until membership lists each of them as active.</summary>
    public async Task StartAsync(int count)
    {
        var ct = TestContext.Current.CancellationToken;
        var ports = new List<int>();
        for (var i = 0; i < count; i++)
        {
            var log = Path.Combine(folder, $"silo-{Interlocked.Increment(ref _started)}-{Guid.NewGuid():N}.log");
            var port = LoopbackPorts.Free();
            ports.Add(port);
            var command = $"exec dotnet '{Path.Combine(AppContext.BaseDirectory, "workbench.dll")}' silo --postgres '{connectionString}'"
                + $" --port {port.ToString(CultureInfo.InvariantCulture)} --gateway-port {LoopbackPorts.Free().ToString(CultureInfo.InvariantCulture)}"
                + $" > '{log}' 2>&1 < /dev/null";
            var info = new ProcessStartInfo("bash") { WorkingDirectory = folder, UseShellExecute = false };
            info.ArgumentList.Add("-c");
            info.ArgumentList.Add(command);
            _silos.Add(Process.Start(info)!);
        }
        await Eventually.TrueAsync(async () => await ActiveAsync(ports, ct) == count, $"{count} silos active", TimeSpan.FromSeconds(90), ct);
    }

    /// <summary>Kills every silo outright.</summary>
    public void KillAll()
    {
        foreach (var silo in _silos.Where(s => !s.HasExited))
        {
            silo.Kill();
        }
    }

    public void Dispose()
    {
        KillAll();
        foreach (var silo in _silos)
        {
            silo.Dispose();
        }
    }

    private async Task<long> ActiveAsync(List<int> ports, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var exists = new NpgsqlCommand("SELECT to_regclass('orleansmembershiptable') IS NOT NULL", connection);
        if (!(bool)(await exists.ExecuteScalarAsync(cancellationToken))!)
        {
            return 0;
        }
        // Status 3 is Orleans' SiloStatus.Active.
        await using var command = new NpgsqlCommand("SELECT COUNT(*) FROM orleansmembershiptable WHERE status = 3 AND port = ANY($1)", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = ports.ToArray() });
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
    }
}
