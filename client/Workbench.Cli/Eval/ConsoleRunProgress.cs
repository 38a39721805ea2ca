using System.Diagnostics;
using Spectre.Console;
using Workbench.Silo.Runs;

namespace Workbench.Cli.Eval;

/// <summary>Run progress for a console: a live bar on a terminal, a plain line every few seconds otherwise.</summary>
internal sealed class ConsoleRunProgress(ProgressContext? live) : IRunProgress
{
    private static readonly TimeSpan PlainInterval = TimeSpan.FromSeconds(2);

    /// <summary>Whether the console is a terminal that can show a live bar.</summary>
    public static bool IsLive => !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive;

    /// <summary>Runs <paramref name="work"/> under a live progress bar.</summary>
    public static async Task<T> LiveAsync<T>(Func<IRunProgress, Task<T>> work)
    {
        T result = default!;
        await AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .StartAsync(async context => result = await work(new ConsoleRunProgress(context)));
        return result;
    }
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private ProgressTask? _bar;
    private long _total;
    private long _done;
    private TimeSpan _lastLine;

    public void Started(string runId, long doneCells)
    {
        _done = doneCells;
        if (live is not null)
        {
            _bar = live.AddTask($"run {runId}", maxValue: double.MaxValue);
            _bar.Value = doneCells;
            _bar.IsIndeterminate = true;
        }
        else
        {
            Console.WriteLine($"run {runId}: started{(doneCells > 0 ? $", {doneCells:N0} cells already done" : "")}");
        }
    }

    public void SizeKnown(long totalCells)
    {
        _total = totalCells;
        if (_bar is not null)
        {
            _bar.IsIndeterminate = false;
            _bar.MaxValue = Math.Max(1, totalCells);
        }
        else
        {
            Console.WriteLine($"dataset read: {totalCells:N0} cells in all");
        }
    }

    public void Advanced(long cells)
    {
        var done = Interlocked.Add(ref _done, cells);
        if (_bar is not null)
        {
            _bar.Value = done;
            return;
        }
        if (_clock.Elapsed - _lastLine >= PlainInterval || done == _total)
        {
            _lastLine = _clock.Elapsed;
            Console.WriteLine(_total == 0
                ? $"cells: {done:N0} after {_clock.Elapsed.TotalSeconds:0.0}s"
                : $"cells: {done:N0}/{_total:N0} ({done * 100 / _total}%) after {_clock.Elapsed.TotalSeconds:0.0}s");
        }
    }

    public void Note(string message)
    {
        if (live is not null)
        {
            AnsiConsole.MarkupLine(Markup.Escape(message));
        }
        else
        {
            Console.Error.WriteLine(message);
        }
    }
}
