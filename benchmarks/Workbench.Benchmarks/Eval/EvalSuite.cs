using System.Diagnostics;
using System.Globalization;
using Workbench.Silo.Runs;

namespace Workbench.Benchmarks.Eval;

/// <summary>
/// End-to-end evaluations, each in a child process: cells per second with the echo endpoint and
/// exact_match + BLEU, durable in SQLite, at 100,000 and 1,000,000 cells; peak memory at 1,000,000;
/// and <see cref="EndpointSaturation"/>.
/// </summary>
internal sealed class EvalSuite : IBenchmarkSuite
{
    public const string ChildFlag = "--eval-child";
    public const string StartupFlag = "--startup-child";
    private const string Scorers = "  - exact_match: {reference_field: answers}\n  - bleu: {reference_field: answers}";

    public string Name => "eval";

    public async Task<IReadOnlyList<Figure>> RunAsync(CancellationToken cancellationToken)
    {
        var startup = await ChildAsync(StartupFlag, 1, cancellationToken);
        var small = await ChildAsync(ChildFlag, 100_000, cancellationToken);
        var large = await ChildAsync(ChildFlag, 1_000_000, cancellationToken);
        Console.WriteLine("  eval: endpoint saturation, 12,800 calls at 50 ms...");
        var saturation = await EndpointSaturation.MeasureAsync(cancellationToken);
        return
        [
            Figure.AtLeast("eval_cells_per_s_100k", small.CellsPerSecond, "cells/s", 50_000),
            Figure.AtLeast("eval_cells_per_s_1m", large.CellsPerSecond, "cells/s", 50_000),
            Figure.AtMost("eval_peak_rss_mb_1m", large.PeakRssMb, "MB", 300),
            new Figure("endpoint_saturation", saturation, "ratio", ">= 0.95", saturation >= 0.95),
            new Figure("eval_startup_ms", startup.CellsPerSecond, "ms", "", null),
        ];
    }

    /// <summary>The child's side: runs one workload and prints its figures on one line.</summary>
    public static async Task<int> ChildMainAsync(string[] args)
    {
        var rows = int.Parse(args[1], CultureInfo.InvariantCulture);
        if (args[0] == StartupFlag)
        {
            // From the process's start to its first committed cell, on a 1-row run: the silo's start included.
            var first = new FirstCell();
            await EvalWorkload.RunAsync(rows, "{id: echo, type: echo}", Scorers, first, CancellationToken.None);
            var started = Process.GetCurrentProcess().StartTime.ToUniversalTime();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{(first.At!.Value - started).TotalMilliseconds} 0 1"));
            return 0;
        }
        var result = await EvalWorkload.RunAsync(rows, "{id: echo, type: echo}", Scorers, null, CancellationToken.None);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{result.CellsPerSecond} {result.PeakRssMb} {result.Cells}"));
        return 0;
    }

    private static async Task<(double CellsPerSecond, double PeakRssMb)> ChildAsync(string flag, int rows, CancellationToken cancellationToken)
    {
        Console.WriteLine(flag == StartupFlag ? "  eval: start-up, process start to the first cell of a 1-row run..." : $"  eval: {rows:N0} cells on echo, exact_match + bleu...");
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, UseShellExecute = false };
        info.ArgumentList.Add(typeof(EvalSuite).Assembly.Location);
        info.ArgumentList.Add(flag);
        info.ArgumentList.Add(rows.ToString(CultureInfo.InvariantCulture));
        using var child = Process.Start(info)!;
        var output = await child.StandardOutput.ReadToEndAsync(cancellationToken);
        await child.WaitForExitAsync(cancellationToken);
        if (child.ExitCode != 0)
        {
            throw new InvalidOperationException($"the {rows:N0}-cell benchmark failed with exit code {child.ExitCode}: {output}");
        }
        var parts = output.Trim().Split('\n')[^1].Split(' ');
        return (double.Parse(parts[0], CultureInfo.InvariantCulture), double.Parse(parts[1], CultureInfo.InvariantCulture));
    }

    /// <summary>Notes when the first cell is committed.</summary>
    private sealed class FirstCell : IRunProgress
    {
        public DateTime? At { get; private set; }

        public void Started(string runId, long doneCells)
        {
        }

        public void SizeKnown(long totalCells)
        {
        }

        public void Advanced(long cells) => At ??= DateTime.UtcNow;

        public void Note(string message)
        {
        }
    }
}
