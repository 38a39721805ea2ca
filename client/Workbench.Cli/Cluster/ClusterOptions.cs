using System.CommandLine;

namespace Workbench.Cli.Cluster;

/// <summary>Options every cluster command shares.</summary>
internal static class ClusterOptions
{
    /// <summary>The environment variable that gives the cluster's database when <c>--postgres</c> is left out.</summary>
    public const string PostgresVariable = "WORKBENCH_POSTGRES";

    /// <summary><c>--postgres CONN</c>: the cluster's PostgreSQL database.</summary>
    public static Option<string?> Postgres(bool required) => new("--postgres")
    {
        Description = $"The cluster's PostgreSQL database, as an Npgsql connection string (Host=...;Username=...;Database=...). Default: ${PostgresVariable}.",
        Required = required && string.IsNullOrEmpty(Environment.GetEnvironmentVariable(PostgresVariable)),
        DefaultValueFactory = _ => required ? Environment.GetEnvironmentVariable(PostgresVariable) : null,
    };
}
