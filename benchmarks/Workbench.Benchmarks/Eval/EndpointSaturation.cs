using System.Diagnostics;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Workbench.Evaluation.Specs;
using Workbench.Grains.Endpoints;
using Workbench.Silo.Hosting;

namespace Workbench.Benchmarks.Eval;

/// <summary>
/// How close a silo's endpoint pipeline gets to what a server allows: a simulated endpoint
/// answering in a fixed 50 ms with max_concurrency 64 can serve at most 64 / 0.05 = 1,280 calls per
/// second. Far more callers than slots keep the pipeline full; the figure is achieved / 1,280.
/// </summary>
internal static class EndpointSaturation
{
    public static async Task<double> MeasureAsync(CancellationToken cancellationToken)
    {
        const int Calls = 12_800;
        const int Callers = 512;
        var folder = Directory.CreateTempSubdirectory("workbench-saturation-").FullName;
        try
        {
            await using var silo = await EmbeddedSilo.StartAsync(Path.Combine(folder, "bench.db"), null, cancellationToken);
            var spec = new EndpointSpec("model", "simulated", null, new Dictionary<string, SpecValue>(),
                new Dictionary<string, SpecValue> { ["latency"] = new("50ms", null, 1, 1) }, 64, null, null, TimeSpan.FromSeconds(30), 0, null, null, 1);
            var endpoint = silo.Services.GetRequiredService<EndpointPipelines>().Get(spec, Path.Combine(folder, "bench.yaml"), useCache: false);

            var next = -1;
            var clock = Stopwatch.StartNew();
            await Task.WhenAll(Enumerable.Range(0, Callers).Select(_ => Task.Run(async () =>
            {
                int call;
                while ((call = Interlocked.Increment(ref next)) < Calls)
                {
                    await endpoint.CompleteAsync(new ModelRequest([new ChatMessage(ChatRole.User, $"call {call}")], $"r{call}", "p", 0), cancellationToken);
                }
            }, cancellationToken)));
            var achieved = Calls / clock.Elapsed.TotalSeconds;
            return achieved / (64 / 0.05);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }
}
