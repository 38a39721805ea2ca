using System.Net;

namespace Workbench.Silo.Cluster;

/// <summary>How a silo joins a Workbench cluster on PostgreSQL.</summary>
/// <param name="ConnectionString">The PostgreSQL database that holds membership, grain state, reminders and run data.</param>
/// <param name="SiloPort">The port silos talk to each other on.</param>
/// <param name="GatewayPort">The port clients (<c>workbench eval --postgres</c>) connect to.</param>
/// <param name="Address">The address other silos and clients reach this one at; loopback when null.</param>
/// <param name="DashboardPort">Serves the Orleans Dashboard on this port when set.</param>
/// <param name="DashboardToken">The token the dashboard asks for (a bearer token or <c>?token=</c>); required with a dashboard port.</param>
/// <param name="ClusterId">Silos with the same id in the same database form one cluster.</param>
/// <param name="IndexRoot">The folder where this silo keeps its copies of index versions; <c>.workbench/indexes</c> when null.</param>
public sealed record ClusterSiloOptions(
    string ConnectionString,
    int SiloPort = 11111,
    int GatewayPort = 30000,
    IPAddress? Address = null,
    int? DashboardPort = null,
    string? DashboardToken = null,
    string ClusterId = ClusterSiloOptions.DefaultClusterId,
    string? IndexRoot = null)
{
    /// <summary>The cluster id when none is given.</summary>
    public const string DefaultClusterId = "workbench";

    /// <summary>The ADO.NET invariant of Npgsql, by which Orleans' ADO.NET providers find it.</summary>
    public const string Invariant = "Npgsql";
}
