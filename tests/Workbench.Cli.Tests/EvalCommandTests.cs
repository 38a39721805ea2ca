using System.Diagnostics;

namespace Workbench.Cli.Tests;

public sealed class EvalCommandTests : IDisposable
{
    private readonly WorkbenchProcess _cli = new();

    public void Dispose() => _cli.Dispose();

    private void WriteQuestions(int count) =>
        _cli.Write("data.jsonl", string.Concat(Enumerable.Range(0, count).Select(i => $"{{\"id\": \"q{i}\", \"question\": \"what is {i}\", \"answer\": \"{i}\"}}\n")));

    [Fact]
    public async Task A_successful_run_exits_0_and_writes_its_files_where_asked()
    {
        WriteQuestions(5);
        _cli.Write("spec.yaml", """
            name: cli
            dataset: data.jsonl
            prompts: [{id: p, template: "{{question}}"}]
            endpoints: [{id: echo, type: echo}]
            scorers: [{contains: {reference_field: answer}}]
            """);

        var (exit, output, error) = await _cli.RunAsync("eval", "spec.yaml", "--out", "results", "--db", "state/wb.db");

        Assert.True(exit == 0, error);
        Assert.Contains("p × echo", output);
        Assert.Contains("completed, 5 cells", output);
        Assert.Equal(5, File.ReadAllLines(Path.Combine(_cli.Folder, "results", "results.jsonl")).Length);
        Assert.True(File.Exists(Path.Combine(_cli.Folder, "results", "report.html")));
        Assert.True(File.Exists(Path.Combine(_cli.Folder, "state", "wb.db")));
    }

    [Fact]
    public async Task Bad_input_exits_2_naming_file_line_and_fix()
    {
        WriteQuestions(2);
        _cli.Write("spec.yaml", """
            name: cli
            dataset: data.jsonl
            prompts: [{id: p, template: "{{question}}"}]
            endpoints: [{id: echo, type: echo, max_concurency: 3}]
            """);

        var (exit, _, error) = await _cli.RunAsync("eval", "spec.yaml");

        Assert.Equal(2, exit);
        Assert.Contains("spec.yaml:4:", error);
        Assert.Contains("Did you mean `max_concurrency`?", error);

        _cli.Write("spec.yaml", """
            name: cli
            dataset: data.jsonl
            prompts: [{id: p, template: "{{question}}"}]
            endpoints: [{id: echo, type: echo}]
            """);
        _cli.Write("data.jsonl", "{\"id\": \"a\", \"question\": \"fine\"}\n{\"id\": \"b\", \"question\": broken}\n");
        (exit, _, error) = await _cli.RunAsync("eval", "spec.yaml");
        Assert.Equal(2, exit);
        Assert.Contains("data.jsonl:2:", error);
        Assert.Contains("not valid JSON", error);
    }

    [Fact]
    public async Task An_unwritable_out_a_newer_database_and_a_missing_dataset_exit_2_with_the_path_and_the_fix()
    {
        WriteQuestions(2);
        _cli.Write("spec.yaml", """
            name: cli
            dataset: data.jsonl
            prompts: [{id: p, template: "{{question}}"}]
            endpoints: [{id: echo, type: echo}]
            """);

        // A folder below a file can be created by no one, root included.
        var (exit, _, error) = await _cli.RunAsync("eval", "spec.yaml", "--out", "data.jsonl/results");
        Assert.True(exit == 2, error);
        Assert.Contains(Path.Combine(_cli.Folder, "data.jsonl", "results"), error);
        Assert.Contains("--out", error);

        (exit, _, error) = await _cli.RunAsync("eval", "spec.yaml", "--db", "new.db");
        Assert.True(exit == 0, error);
        await using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(_cli.Folder, "new.db")};Pooling=False"))
        {
            await connection.OpenAsync(TestContext.Current.CancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = "INSERT INTO schema_migrations VALUES (999, 'from a newer build', '2030-01-01')";
            await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        }
        (exit, _, error) = await _cli.RunAsync("eval", "spec.yaml", "--db", "new.db");
        Assert.True(exit == 2, error);
        Assert.Contains(Path.Combine(_cli.Folder, "new.db"), error);
        Assert.Contains("Upgrade Workbench", error);

        _cli.Write("spec.yaml", """
            name: cli
            dataset: missing.jsonl
            prompts: [{id: p, template: "{{question}}"}]
            endpoints: [{id: echo, type: echo}]
            """);
        (exit, _, error) = await _cli.RunAsync("eval", "spec.yaml");
        Assert.True(exit == 2, error);
        Assert.Contains("missing.jsonl", error);
        Assert.DoesNotContain("bug in Workbench", error);
    }

    [Fact]
    public async Task Two_evaluations_at_once_on_one_machine_both_complete()
    {
        WriteQuestions(50);
        _cli.Write("spec.yaml", """
            name: twice
            dataset: data.jsonl
            prompts: [{id: p, template: "{{question}}"}]
            endpoints: [{id: slow, type: simulated, latency: 5ms}]
            """);

        var runs = await Task.WhenAll(
            _cli.RunAsync("eval", "spec.yaml", "--db", "one.db", "--out", "one"),
            _cli.RunAsync("eval", "spec.yaml", "--db", "two.db", "--out", "two"));

        Assert.All(runs, run => Assert.True(run.ExitCode == 0, run.Error + run.Output));
        Assert.Equal(50, File.ReadAllLines(Path.Combine(_cli.Folder, "one", "results.jsonl")).Length);
        Assert.Equal(50, File.ReadAllLines(Path.Combine(_cli.Folder, "two", "results.jsonl")).Length);
    }

    [Fact]
    public async Task A_run_under_its_min_pass_rate_exits_1()
    {
        WriteQuestions(4);
        _cli.Write("spec.yaml", """
            name: gated
            dataset: data.jsonl
            prompts: [{id: p, template: "{{question}}"}]
            endpoints: [{id: echo, type: echo}]
            scorers: [{exact_match: {reference_field: answer}}]
            min_pass_rate: 0.5
            """);

        var (exit, output, _) = await _cli.RunAsync("eval", "spec.yaml");

        Assert.Equal(1, exit);
        Assert.Contains("below min_pass_rate", output);
    }

    [Fact]
    public async Task Ctrl_C_stops_cleanly_with_exit_3_and_the_run_resumes_to_the_end()
    {
        WriteQuestions(20_000);
        _cli.Write("spec.yaml", """
            name: long
            dataset: data.jsonl
            prompts: [{id: p, template: "{{question}}"}]
            endpoints: [{id: slow, type: simulated, latency: 2ms, max_concurrency: 8}]
            """);
        using var process = _cli.Start("", "eval", "spec.yaml");
        var started = await WorkbenchProcess.ReadUntilAsync(process, line => line.StartsWith("cells:", StringComparison.Ordinal));
        var runId = started.Split(' ', ':')[1];

        using (var kill = Process.Start("kill", ["-INT", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync(TestContext.Current.CancellationToken);
        }
        var rest = await process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromMinutes(1), TestContext.Current.CancellationToken);

        Assert.Equal(3, process.ExitCode);
        Assert.Contains("interrupted", rest);
        Assert.Contains($"--resume {runId}", rest);

        var (exit, output, error) = await _cli.RunAsync("eval", "spec.yaml", "--resume", "last", "--out", "final");
        Assert.True(exit == 0, error + output);
        Assert.Equal(20_000, File.ReadAllLines(Path.Combine(_cli.Folder, "final", "results.jsonl")).Length);
    }

    [Fact]
    public async Task A_dry_run_calls_nothing_and_prints_the_estimate()
    {
        WriteQuestions(3);
        _cli.Write("spec.yaml", """
            name: dry
            dataset: data.jsonl
            prompts: [{id: p, template: "{{question}}"}, {id: q, template: "Q: {{question}}"}]
            endpoints: [{id: echo, type: echo}]
            repeats: 2
            """);

        var (exit, output, error) = await _cli.RunAsync("eval", "spec.yaml", "--dry-run");

        Assert.True(exit == 0, error);
        Assert.Contains("3 rows × 4 variants = 12 cells", error + output);
        Assert.False(Directory.Exists(Path.Combine(_cli.Folder, "runs")));
    }
}
