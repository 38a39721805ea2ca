using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Workbench.Silo.Hosting;

namespace Workbench.Benchmarks.Orleans;

/// <summary>
/// What an Orleans grain call costs here: 64 callers inside one silo call 1,000 activated grains for a
/// fixed time. A figure to watch, not a target: it is why the hot path calls grains per batch of rows.
/// </summary>
internal sealed class OrleansSuite : IBenchmarkSuite
{
    private const int Callers = 64;
    private const int Grains = 1_000;
    private static readonly TimeSpan Duration = TimeSpan.FromSeconds(5);

    public string Name => "orleans";

    public async Task<IReadOnlyList<Figure>> RunAsync(CancellationToken cancellationToken)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.SetMinimumLevel(LogLevel.Warning).AddSimpleConsole();
        builder.UseOrleans(silo => silo.UseLocalhostClustering(siloPort: LoopbackPorts.Free(), gatewayPort: LoopbackPorts.Free(), clusterId: $"bench-{Environment.ProcessId}"));
        using var host = builder.Build();
        await host.StartAsync(cancellationToken);
        try
        {
            var grains = host.Services.GetRequiredService<IGrainFactory>();
            Console.WriteLine($"  orleans: activating {Grains:N0} grains...");
            await Task.WhenAll(Enumerable.Range(0, Grains).Select(i => grains.GetGrain<IPingGrain>(i).PingAsync(i)));

            Console.WriteLine($"  orleans: {Callers} callers for {Duration.TotalSeconds:N0} s...");
            long calls = 0;
            using var stop = new CancellationTokenSource(Duration);
            var clock = Stopwatch.StartNew();
            await Task.WhenAll(Enumerable.Range(0, Callers).Select(caller => Task.Run(async () =>
            {
                var random = new Random(caller);
                var mine = 0L;
                while (!stop.IsCancellationRequested)
                {
                    await grains.GetGrain<IPingGrain>(random.Next(Grains)).PingAsync(caller);
                    mine++;
                }
                Interlocked.Add(ref calls, mine);
            }, cancellationToken)));
            var perSecond = calls / clock.Elapsed.TotalSeconds;
            return [new Figure("orleans_calls_per_s", perSecond, "calls/s", "", null)];
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
        }
    }
}
