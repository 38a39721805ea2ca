namespace Workbench.Silo.Storage.Postgres;

/// <summary>One step of the project's PostgreSQL schema, applied once in version order.</summary>
/// <param name="Version">The schema version it brings the database to.</param>
/// <param name="Name">What it adds, for the migrations table and for errors.</param>
/// <param name="Sql">The statements.</param>
public sealed record PostgresMigration(int Version, string Name, string Sql);
