using System.CommandLine;
using System.Net;
using Spectre.Console;
using Workbench.Cli.Eval;
using Workbench.Evaluation.Specs;
using Workbench.Silo.Cluster;

namespace Workbench.Cli.Cluster;

/// <summary><c>workbench silo --postgres CONN</c>: runs a silo that joins the cluster, until Ctrl-C or SIGTERM.</summary>
internal static class SiloCommand
{
    /// <summary>The environment variable that holds the dashboard's token.</summary>
    public const string DashboardTokenVariable = "WORKBENCH_DASHBOARD_TOKEN";

    public static Command Create()
    {
        var postgres = ClusterOptions.Postgres(required: true);
        var port = new Option<int>("--port") { Description = "The port silos talk to each other on.", DefaultValueFactory = _ => 11111 };
        var gatewayPort = new Option<int>("--gateway-port") { Description = "The port clients connect to.", DefaultValueFactory = _ => 30000 };
        var dashboardPort = new Option<int?>("--dashboard-port") { Description = $"Serve the Orleans Dashboard on this port, behind the token in ${DashboardTokenVariable}." };
        var address = new Option<string?>("--address") { Description = "The address other machines reach this silo at (default: loopback, for silos on one machine)." };
        var clusterId = new Option<string>("--cluster-id") { Description = "Silos with the same id in the same database form one cluster.", DefaultValueFactory = _ => ClusterSiloOptions.DefaultClusterId };
        var command = new Command("silo", "Run a silo that joins the cluster on PostgreSQL and works on its runs.")
        {
            postgres, port, gatewayPort, dashboardPort, address, clusterId,
        };
        command.SetAction((result, cancellationToken) => RunAsync(
            result.GetValue(postgres)!, result.GetValue(port), result.GetValue(gatewayPort), result.GetValue(dashboardPort), result.GetValue(address), result.GetValue(clusterId)!, cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(string postgres, int port, int gatewayPort, int? dashboardPort, string? address, string clusterId, CancellationToken cancellationToken)
    {
        IPAddress? ip = null;
        if (address is not null && !IPAddress.TryParse(address, out ip))
        {
            Console.Error.WriteLine($"error: --address `{address}` is not an IP address; give the address other machines reach this one at, such as 10.0.0.5.");
            return 2;
        }
        var token = Environment.GetEnvironmentVariable(DashboardTokenVariable);
        if (dashboardPort is not null && string.IsNullOrEmpty(token))
        {
            Console.Error.WriteLine($"error: the dashboard needs a token: set {DashboardTokenVariable} to a secret, and open the dashboard with ?token=<it>.");
            return 2;
        }
        try
        {
            await using var silo = await ClusterSilo.StartAsync(new ClusterSiloOptions(postgres, port, gatewayPort, ip, dashboardPort, token, clusterId), null, cancellationToken);
            AnsiConsole.MarkupLine($"silo up: silo port {port}, gateway port {gatewayPort}{(dashboardPort is { } d ? $", dashboard on port {d}" : "")}. Ctrl-C stops it.");
            try
            {
                await silo.WaitForShutdownAsync(cancellationToken);
            }
            catch (OperationCanceledException)
            {
                // Ctrl-C: leave the cluster gracefully.
            }
            AnsiConsole.MarkupLine("silo stopping: leaving the cluster.");
        }
        catch (SpecException exception)
        {
            return EvalCommand.BadInput(exception);
        }
        return 0;
    }
}
