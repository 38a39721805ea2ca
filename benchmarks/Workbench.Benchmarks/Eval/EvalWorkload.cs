using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Workbench.Grains.Runs;
using Workbench.Evaluation.Specs;
using Workbench.Silo.Hosting;
using Workbench.Silo.Runs;

namespace Workbench.Benchmarks.Eval;

/// <summary>
/// One end-to-end evaluation in a process of its own (so its peak memory is its own): a dataset of
/// <c>rows</c> SQuAD questions, written to a temporary folder, run on a fresh SQLite database.
/// </summary>
internal static class EvalWorkload
{
    /// <summary>Runs the workload and returns cells per second and the process's peak resident memory in MB.</summary>
    public static async Task<(double CellsPerSecond, double PeakRssMb, long Cells)> RunAsync(int rows, string endpointYaml, string scorersYaml, IRunProgress? progress, CancellationToken cancellationToken)
    {
        var folder = Directory.CreateTempSubdirectory("workbench-bench-").FullName;
        try
        {
            var source = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Eval", "squad-dev-100.jsonl"));
            await using (var data = new StreamWriter(Path.Combine(folder, "data.jsonl")))
            {
                for (var i = 0; i < rows; i++)
                {
                    var row = JsonNode.Parse(source[i % source.Length])!.AsObject();
                    row["id"] = i.ToString(CultureInfo.InvariantCulture);
                    row.Remove("context");
                    await data.WriteLineAsync(row.ToJsonString());
                }
            }
            var specPath = Path.Combine(folder, "spec.yaml");
            await File.WriteAllTextAsync(specPath, $"""
                name: bench
                dataset: data.jsonl
                prompts:
                  - id: p
                    template: "{"{{question}} (#{{id}})"}"
                endpoints:
                  - {endpointYaml}
                scorers:
                {scorersYaml}
                """, cancellationToken);
            var spec = SpecParser.ParseFile(specPath);
            await using var silo = await EmbeddedSilo.StartAsync(Path.Combine(folder, "bench.db"), null, cancellationToken);
            var clock = Stopwatch.StartNew();
            var outcome = await silo.Runner.RunAsync(spec, new RunOptions(OutputFolder: Path.Combine(folder, "out")), progress ?? new SilentProgress(), cancellationToken);
            var elapsed = clock.Elapsed;
            if (outcome.Status != RunStatus.Completed)
            {
                throw new InvalidOperationException($"the benchmark run ended {outcome.Status}: {outcome.Error}");
            }
            return (outcome.Summary!.Cells / elapsed.TotalSeconds, PeakRssMb(), outcome.Summary.Cells);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>VmHWM from /proc: the most resident memory the process has had.</summary>
    private static double PeakRssMb()
    {
        var line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return line is null ? double.NaN : double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;
    }

    internal sealed class SilentProgress : IRunProgress
    {
        public void Started(string runId, long doneCells)
        {
        }

        public void SizeKnown(long totalCells)
        {
        }

        public void Advanced(long cells)
        {
        }

        public void Note(string message)
        {
        }
    }
}
