using System.CommandLine;
using System.Net;
using Spectre.Console;
using Workbench.Cli.Eval;
using Workbench.Evaluation.Specs;
using Workbench.Grains.Retrieval;
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
        var indexRoot = new Option<DirectoryInfo>("--index-root")
        {
            Description = "The folder where this silo keeps its copies of the index versions that runs use.",
            DefaultValueFactory = _ => new DirectoryInfo(new RetrievalOptions().IndexRoot),
        };
        var command = new Command("silo", "Run a silo that joins the cluster on PostgreSQL and works on its runs.")
        {
            postgres, port, gatewayPort, dashboardPort, address, clusterId, indexRoot,
        };
        command.SetAction((result, cancellationToken) => RunAsync(
            new ClusterSiloOptions(result.GetValue(postgres)!, result.GetValue(port), result.GetValue(gatewayPort), null, result.GetValue(dashboardPort), null,
                result.GetValue(clusterId)!, result.GetValue(indexRoot)!.FullName),
            result.GetValue(address), cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(ClusterSiloOptions options, string? address, CancellationToken cancellationToken)
    {
        IPAddress? ip = null;
        if (address is not null && !IPAddress.TryParse(address, out ip))
        {
            Console.Error.WriteLine($"error: --address `{address}` is not an IP address; give the address other machines reach this one at, such as 10.0.0.5.");
            return 2;
        }
        var token = Environment.GetEnvironmentVariable(DashboardTokenVariable);
        if (options.DashboardPort is not null && string.IsNullOrEmpty(token))
        {
            Console.Error.WriteLine($"error: the dashboard needs a token: set {DashboardTokenVariable} to a secret, and open the dashboard with ?token=<it>.");
            return 2;
        }
        try
        {
            await using var silo = await ClusterSilo.StartAsync(options with { Address = ip, DashboardToken = token }, null, cancellationToken);
            AnsiConsole.MarkupLine($"silo up: silo port {options.SiloPort}, gateway port {options.GatewayPort}{(options.DashboardPort is { } d ? $", dashboard on port {d}" : "")}. Ctrl-C stops it.");
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
