using System.Diagnostics;
using System.Text;

namespace Workbench.Cli.Tests;

/// <summary>Runs the real <c>workbench</c> CLI as a child process in a folder of the test's own.</summary>
internal sealed class WorkbenchProcess : IDisposable
{
    private readonly TempFolder _folder = new("workbench-cli-");

    public string Folder => _folder.Root;

    public string Write(string relative, string text) => _folder.Write(relative, text);

    /// <summary>Environment variables set for the commands this runs, beside the test process's own.</summary>
    public Dictionary<string, string> Environment { get; } = [];

    public Process Start(string stdin, params string[] arguments)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var (name, value) in Environment)
        {
            info.Environment[name] = value;
        }
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "workbench.dll"));
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }
        var process = Process.Start(info)!;
        process.StandardInput.Write(stdin);
        process.StandardInput.Close();
        return process;
    }

    public async Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] arguments) => await RunWithInputAsync("", arguments);

    public async Task<(int ExitCode, string Output, string Error)> RunWithInputAsync(string stdin, params string[] arguments)
    {
        using var process = Start(stdin, arguments);
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var error = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromMinutes(2), TestContext.Current.CancellationToken);
        return (process.ExitCode, await output, await error);
    }

    public void Dispose() => _folder.Dispose();

    /// <summary>Reads lines from a running process until one satisfies <paramref name="until"/>; returns what was read.</summary>
    public static async Task<string> ReadUntilAsync(Process process, Func<string, bool> until)
    {
        var seen = new StringBuilder();
        while (await process.StandardOutput.ReadLineAsync(TestContext.Current.CancellationToken) is { } line)
        {
            seen.AppendLine(line);
            if (until(line))
            {
                break;
            }
        }
        return seen.ToString();
    }
}
