using System.Globalization;
using Workbench.Benchmarks;
using Workbench.Benchmarks.Cluster;
using Workbench.Benchmarks.Orleans;
using Workbench.Benchmarks.Eval;
using Workbench.Benchmarks.Local;
using Workbench.Benchmarks.Retrieval;
using Workbench.Benchmarks.Stats;

// Usage: Workbench.Benchmarks [--results FILE] [SUITE...]; no suite runs them all.
if (args.Length > 0 && args[0] is EvalSuite.ChildFlag or EvalSuite.StartupFlag)
{
    return await EvalSuite.ChildMainAsync(args);
}
if (args.Length > 0 && args[0] == ClusterSuite.SiloFlag)
{
    return await ClusterSuite.SiloMainAsync(args);
}

IBenchmarkSuite[] suites = [new OrleansSuite(), new EvalSuite(), new ClusterSuite(), new StatsSuite(), new LocalSuite(), new RetrievalSuite()];

var resultsPath = Path.Combine("benchmarks", "results", "latest.json");
var chosen = new List<IBenchmarkSuite>();
for (var i = 0; i < args.Length; i++)
{
    if (args[i] == "--results" && i + 1 < args.Length)
    {
        resultsPath = args[++i];
        continue;
    }
    var suite = suites.FirstOrDefault(s => s.Name == args[i]);
    if (suite is null)
    {
        Console.Error.WriteLine($"Unknown benchmark suite '{args[i]}'. Suites: {string.Join(", ", suites.Select(s => s.Name))}.");
        return 2;
    }
    chosen.Add(suite);
}
if (chosen.Count == 0)
{
    chosen.AddRange(suites);
}

using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancellation.Cancel();
};

var figures = new List<(string Suite, Figure Figure)>();
foreach (var suite in chosen)
{
    Console.WriteLine($"running {suite.Name}...");
    foreach (var figure in await suite.RunAsync(cancellation.Token))
    {
        figures.Add((suite.Name, figure));
    }
}

var rows = figures.Select(f => new[]
{
    f.Suite,
    f.Figure.Name,
    f.Figure.Value.ToString(f.Figure.Value >= 100 ? "N0" : f.Figure.Value >= 1 ? "N2" : "N4", CultureInfo.InvariantCulture),
    f.Figure.Unit,
    f.Figure.Target,
    f.Figure.Met switch { true => "met", false => "MISSED", null => "" },
}).Prepend(["suite", "figure", "value", "unit", "target", ""]).ToList();
var widths = Enumerable.Range(0, 6).Select(c => rows.Max(r => r[c].Length)).ToArray();
foreach (var row in rows)
{
    Console.WriteLine(string.Join("  ", row.Select((cell, c) => c == 2 ? cell.PadLeft(widths[c]) : cell.PadRight(widths[c]))).TrimEnd());
}

await ResultsFile.MergeAsync(resultsPath, figures.Select(f => f.Figure), cancellation.Token);
Console.WriteLine($"figures merged into {resultsPath}");
return 0;
