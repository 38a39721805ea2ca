using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Workbench.Grains.Retrieval;
using Workbench.Silo.Runs;
using Workbench.Silo.Storage;

namespace Workbench.Silo.Hosting;

/// <summary>
/// The embedded default: one Orleans silo in this process with localhost clustering on free loopback
/// ports (so two evaluations on one machine never clash), grain state and run data in one SQLite file.
/// </summary>
public sealed class EmbeddedSilo : IAsyncDisposable
{
    /// <summary>The number of tries at starting on fresh ports.</summary>
    private const int StartAttempts = 5;

    private readonly IHost _host;
    private readonly SqliteStore _store;

    private EmbeddedSilo(IHost host, SqliteStore store, TimeSpan startup)
    {
        _host = host;
        _store = store;
        StartupTime = startup;
    }

    /// <summary>The silo's services.</summary>
    public IServiceProvider Services => _host.Services;

    /// <summary>The evaluation runner of this silo.</summary>
    public EvaluationRunner Runner => _host.Services.GetRequiredService<EvaluationRunner>();

    /// <summary>How long the silo took to start, the store's migrations included.</summary>
    public TimeSpan StartupTime { get; }

    /// <summary>Opens the store at <paramref name="databasePath"/> and starts the silo on it.</summary>
    /// <param name="databasePath">The SQLite file; created with its folder when missing.</param>
    /// <param name="configureLogging">How the silo logs; warnings and errors to the console when null.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    public static Task<EmbeddedSilo> StartAsync(string databasePath, Action<ILoggingBuilder>? configureLogging, CancellationToken cancellationToken) =>
        StartAsync(databasePath, configureLogging, LoopbackPorts.Free, cancellationToken);

    /// <summary>Opens the store at <paramref name="databasePath"/> and starts the silo on it, with its copies of index versions in <paramref name="indexRoot"/>.</summary>
    /// <param name="databasePath">The SQLite file; created with its folder when missing.</param>
    /// <param name="indexRoot">The folder of retrieval indexes (where <c>workbench index build --root</c> put them).</param>
    /// <param name="configureLogging">How the silo logs; warnings and errors to the console when null.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    public static Task<EmbeddedSilo> StartAsync(string databasePath, string indexRoot, Action<ILoggingBuilder>? configureLogging, CancellationToken cancellationToken) =>
        StartAsync(databasePath, indexRoot, configureLogging, LoopbackPorts.Free, cancellationToken);

    /// <summary>Opens the store at <paramref name="databasePath"/> and starts the silo on it, on ports that <paramref name="pickPort"/> chooses.</summary>
    /// <param name="databasePath">The SQLite file; created with its folder when missing.</param>
    /// <param name="configureLogging">How the silo logs; warnings and errors to the console when null.</param>
    /// <param name="pickPort">Chooses a loopback port; asked again for fresh ones when a chosen port turns out to be taken.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    public static Task<EmbeddedSilo> StartAsync(string databasePath, Action<ILoggingBuilder>? configureLogging, Func<int> pickPort, CancellationToken cancellationToken) =>
        StartAsync(databasePath, null, configureLogging, pickPort, cancellationToken);

    private static async Task<EmbeddedSilo> StartAsync(string databasePath, string? indexRoot, Action<ILoggingBuilder>? configureLogging, Func<int> pickPort, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var store = await SqliteStore.OpenAsync(databasePath, cancellationToken).ConfigureAwait(false);
        // The ports are free when picked but another process may bind them before the silo does: a clash
        // is retried on fresh ports rather than failing the evaluation.
        for (var attempt = 1; ; attempt++)
        {
            var host = Build(store, indexRoot, configureLogging, pickPort);
            try
            {
                await host.StartAsync(cancellationToken).ConfigureAwait(false);
                return new EmbeddedSilo(host, store, clock.Elapsed);
            }
            catch (Exception exception) when (attempt < StartAttempts && IsAddressInUse(exception))
            {
                host.Dispose();
            }
            catch
            {
                host.Dispose();
                store.Dispose();
                throw;
            }
        }
    }

    private static IHost Build(SqliteStore store, string? indexRoot, Action<ILoggingBuilder>? configureLogging, Func<int> pickPort)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        SiloLogging.Configure(builder.Logging, configureLogging);
        builder.UseOrleans(silo =>
        {
            silo.UseLocalhostClustering(siloPort: pickPort(), gatewayPort: pickPort(), serviceId: "workbench", clusterId: $"embedded-{Environment.ProcessId}")
                .AddWorkbench(store);
            if (indexRoot is not null)
            {
                silo.Configure<RetrievalOptions>(o => o.IndexRoot = indexRoot);
            }
        });
        return builder.Build();
    }

    private static bool IsAddressInUse(Exception exception)
    {
        for (var inner = exception; inner is not null; inner = inner.InnerException)
        {
            if (inner is System.Net.Sockets.SocketException { SocketErrorCode: System.Net.Sockets.SocketError.AddressAlreadyInUse })
            {
                return true;
            }
            if (inner is AggregateException aggregate && aggregate.InnerExceptions.Any(IsAddressInUse))
            {
                return true;
            }
        }
        return false;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        // Stopping deactivates every grain, which stops the work of any run still going.
        await _host.StopAsync(CancellationToken.None).ConfigureAwait(false);
        _host.Dispose();
        _store.Dispose();
    }
}
