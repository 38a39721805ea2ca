using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.Dashboard;
using Workbench.Grains.Endpoints;
using Workbench.Grains.Retrieval;
using Workbench.Grains.Runs;
using Workbench.Silo.Hosting;
using Workbench.Silo.Storage.Postgres;

namespace Workbench.Silo.Cluster;

/// <summary>
/// A silo of a Workbench cluster: Orleans' ADO.NET clustering, grain state and reminders on PostgreSQL,
/// run data in the same database, endpoint limits shared among the live silos, and runs that pick
/// themselves up when a silo dies. Optionally serves the Orleans Dashboard behind a token.
/// </summary>
public sealed class ClusterSilo : IAsyncDisposable
{
    private readonly IHost _host;
    private readonly PostgresStore _store;

    private ClusterSilo(IHost host, PostgresStore store)
    {
        _host = host;
        _store = store;
    }

    /// <summary>The silo's services.</summary>
    public IServiceProvider Services => _host.Services;

    /// <summary>Opens the database (applying Orleans' scripts and the project's migrations once, under an advisory lock) and starts the silo.</summary>
    /// <exception cref="Workbench.Evaluation.Specs.SpecException">The database cannot be reached or is from a newer build.</exception>
    public static async Task<ClusterSilo> StartAsync(ClusterSiloOptions options, Action<ILoggingBuilder>? configureLogging, CancellationToken cancellationToken)
    {
        if (options.DashboardPort is not null && string.IsNullOrEmpty(options.DashboardToken))
        {
            throw new ArgumentException("the dashboard needs a token: set WORKBENCH_DASHBOARD_TOKEN (or pass --dashboard-token).", nameof(options));
        }
        var store = await PostgresStore.OpenAsync(options.ConnectionString, cancellationToken).ConfigureAwait(false);
        IHost host;
        if (options.DashboardPort is { } dashboardPort)
        {
            var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
            builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Any, dashboardPort));
            Configure(builder, store, options, configureLogging, static silo => silo.AddDashboard());
            var app = builder.Build();
            app.Use(RequireToken(options.DashboardToken!));
            app.MapOrleansDashboard();
            host = app;
        }
        else
        {
            var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
            Configure(builder, store, options, configureLogging, static _ => { });
            host = builder.Build();
        }
        try
        {
            await host.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            host.Dispose();
            await store.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        return new ClusterSilo(host, store);
    }

    /// <summary>Waits until the silo is asked to stop (Ctrl-C, SIGTERM) or <paramref name="cancellationToken"/> fires.</summary>
    public Task WaitForShutdownAsync(CancellationToken cancellationToken) => _host.WaitForShutdownAsync(cancellationToken);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        // Stopping leaves the cluster gracefully: membership marks the silo dead at once, and its shards come back elsewhere.
        await _host.StopAsync(CancellationToken.None).ConfigureAwait(false);
        _host.Dispose();
        await _store.DisposeAsync().ConfigureAwait(false);
    }

    private static void Configure(
        IHostApplicationBuilder builder, PostgresStore store, ClusterSiloOptions options, Action<ILoggingBuilder>? configureLogging, Action<ISiloBuilder> more)
    {
        SiloLogging.Configure(builder.Logging, configureLogging);
        builder.Services.AddSingleton(store);
        builder.Services.AddSingleton<MembershipEndpointShares>();
        builder.Services.AddSingleton<EndpointShares>(provider => provider.GetRequiredService<MembershipEndpointShares>());
        builder.UseOrleans(silo =>
        {
            silo.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = options.ClusterId;
                o.ServiceId = "workbench";
            });
            silo.ConfigureEndpoints(options.Address ?? IPAddress.Loopback, options.SiloPort, options.GatewayPort, listenOnAnyHostAddress: options.Address is not null);
            silo.UseAdoNetClustering(o =>
            {
                o.Invariant = ClusterSiloOptions.Invariant;
                o.ConnectionString = options.ConnectionString;
            });
            silo.AddAdoNetGrainStorageAsDefault(o =>
            {
                o.Invariant = ClusterSiloOptions.Invariant;
                o.ConnectionString = options.ConnectionString;
            });
            // The distributed grain directory hands a dead silo's directory entries over consistently; with the
            // default directory they are lost with it, and a shard still working on a live silo could be activated
            // a second time, repeating its rows' calls.
#pragma warning disable ORLEANSEXP003 // Orleans marks it experimental in 10.4; it is the directory that keeps one activation per shard through a silo's death.
            silo.AddDistributedGrainDirectory();
#pragma warning restore ORLEANSEXP003
            // After a silo dies, the directory holds its grains under a lease before they may be activated elsewhere,
            // in case it is still running. Shards need no such wait (their epochs fence a stale activation's
            // commits), and the default lease would hold a dead silo's shard for tens of seconds.
            silo.Configure<GrainDirectoryOptions>(o => o.RangeLeaseDuration = TimeSpan.FromSeconds(2));
            silo.UseAdoNetReminderService(o =>
            {
                o.Invariant = ClusterSiloOptions.Invariant;
                o.ConnectionString = options.ConnectionString;
            });
            // A silo killed outright is declared dead in about two seconds: probes time out after one
            // second, and two missed probes suspect it; the votes of the silos that probe it decide.
            silo.Configure<ClusterMembershipOptions>(o =>
            {
                o.ProbeTimeout = TimeSpan.FromSeconds(1);
                o.NumMissedProbesLimit = 2;
                o.TableRefreshTimeout = TimeSpan.FromSeconds(2);
                o.IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(10);
            });
            silo.Configure<RunRecoveryOptions>(o =>
            {
                o.ResumeOnActivation = true;
                o.UseReminders = true;
            });
            silo.AddWorkbenchServices(
                provider => new ReconnectingRunStore(
                    new PostgresRunStore(provider.GetRequiredService<PostgresStore>(), provider.GetRequiredService<TimeProvider>()), provider.GetRequiredService<TimeProvider>()),
                provider => new ReconnectingResponseCache(
                    new PostgresResponseCache(provider.GetRequiredService<PostgresStore>(), provider.GetRequiredService<TimeProvider>()), provider.GetRequiredService<TimeProvider>()));
            if (options.IndexRoot is { } indexRoot)
            {
                silo.Configure<RetrievalOptions>(o => o.IndexRoot = indexRoot);
            }
            // Runs that were going when the cluster last stopped pick themselves up as soon as a silo is up.
            silo.AddStartupTask(static async (provider, cancellationToken) =>
            {
                var grains = provider.GetRequiredService<IGrainFactory>();
                foreach (var run in await provider.GetRequiredService<IRunStore>().RunningRunsAsync(cancellationToken).ConfigureAwait(false))
                {
                    await grains.GetGrain<IEvaluationRunGrain>(run.RunId).GetProgressAsync(int.MaxValue, cancellationToken).ConfigureAwait(false);
                }
            });
            more(silo);
        });
        // After the silo: it follows membership, which the silo provides.
        builder.Services.AddHostedService(provider => provider.GetRequiredService<MembershipEndpointShares>());
    }

    /// <summary>Lets through only requests that carry the token, as <c>Authorization: Bearer TOKEN</c> or <c>?token=TOKEN</c>.</summary>
    private static Func<HttpContext, RequestDelegate, Task> RequireToken(string token)
    {
        var expected = Encoding.UTF8.GetBytes(token);
        return (context, next) =>
        {
            var given = context.Request.Query["token"].ToString();
            var header = context.Request.Headers.Authorization.ToString();
            if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            {
                given = header["Bearer ".Length..].Trim();
            }
            if (CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), expected))
            {
                return next(context);
            }
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            context.Response.Headers.WWWAuthenticate = "Bearer";
            return context.Response.WriteAsync("The dashboard needs its token: add ?token=TOKEN to the address, or send Authorization: Bearer TOKEN.");
        };
    }
}
