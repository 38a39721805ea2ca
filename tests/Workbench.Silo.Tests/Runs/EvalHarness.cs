using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Workbench.Evaluation.Specs;
using Workbench.Silo.Hosting;
using Workbench.Silo.Runs;

namespace Workbench.Silo.Tests.Runs;

/// <summary>A folder with a spec and its dataset, and an embedded silo on a database of its own, as `workbench eval` builds it.</summary>
internal sealed class EvalHarness : IAsyncDisposable
{
    private readonly TempFolder _folder = new("workbench-eval-");

    public string Folder => _folder.Root;

    public string DatabasePath => _folder.PathOf("workbench.db");

    public string Write(string relative, string text) => _folder.Write(relative, text);

    /// <summary>Writes a JSONL dataset of questions q0..q{n-1} with answers a0..a{n-1}.</summary>
    public void WriteQuestions(int count, string file = "data.jsonl") =>
        Write(file, string.Concat(Enumerable.Range(0, count).Select(i => $"{{\"id\": \"q{i}\", \"question\": \"what is {i}\", \"answer\": \"{i}\"}}\n")));

    /// <summary>Runs the spec on a fresh silo over this folder's database, as one invocation of the CLI would.</summary>
    public async Task<(RunOutcome Outcome, RecordingProgress Progress)> RunAsync(string specFile, RunOptions? options = null, Action<RecordingProgress, CancellationTokenSource>? onProgress = null)
    {
        var spec = SpecParser.ParseFile(_folder.PathOf(specFile));
        await using var silo = await EmbeddedSilo.StartAsync(DatabasePath, logging => logging.ClearProviders(), TestContext.Current.CancellationToken);
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var progress = new RecordingProgress(p => onProgress?.Invoke(p, cancellation));
        var outcome = await silo.Runner
            .RunAsync(spec, (options ?? new RunOptions()) with { OutputFolder = (options?.OutputFolder) ?? _folder.PathOf(Path.Combine("out", Guid.NewGuid().ToString("n"))) }, progress, cancellation.Token)
            .Within($"the run of {specFile}", TimeSpan.FromMinutes(1));
        return (outcome, progress);
    }

    public async ValueTask DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        await Task.Yield();
        _folder.Dispose();
    }

    /// <summary>Records what a run reported.</summary>
    internal sealed class RecordingProgress(Action<RecordingProgress> onAdvanced) : IRunProgress
    {
        private long _cells;

        public long Total { get; private set; }

        public long DoneBefore { get; private set; }

        public long Cells => Interlocked.Read(ref _cells);

        public ConcurrentQueue<string> Notes { get; } = new();

        public void Started(string runId, long doneCells) => DoneBefore = doneCells;

        public void SizeKnown(long totalCells) => Total = totalCells;

        public void Advanced(long cells)
        {
            Interlocked.Add(ref _cells, cells);
            onAdvanced(this);
        }

        public void Note(string message) => Notes.Enqueue(message);
    }
}
