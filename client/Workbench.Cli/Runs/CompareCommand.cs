using System.CommandLine;
using System.Text.Json.Nodes;
using Spectre.Console;
using Workbench.Cli.Cluster;
using Workbench.Cli.Stats;
using Workbench.Evaluation.Specs;
using Workbench.Evaluation.Statistics;

namespace Workbench.Cli.Runs;

/// <summary>
/// <c>workbench compare RUN_A RUN_B [--metric m]</c>: run B against run A on the rows both scored. Variants
/// with the same name (prompt × endpoint) are compared with each other; two runs of one variant each are
/// compared whatever their names. P-values are adjusted by Holm over every comparison made.
/// </summary>
internal static class CompareCommand
{
    public static Command Create()
    {
        var a = new Argument<string>("RUN_A") { Description = "The run compared against (the baseline)." };
        var b = new Argument<string>("RUN_B") { Description = "The run compared with it." };
        var metric = new Option<string[]>("--metric") { Description = "Compare on this scorer only; repeat for more. Default: every scorer both runs have." };
        var json = new Option<bool>("--json") { Description = "Print one JSON object instead of sentences." };
        var db = GrainAccess.Database();
        var postgres = ClusterOptions.Postgres(required: false);
        var command = new Command("compare", "Compare two runs on the rows both scored: paired differences with intervals and tests, Holm over all.") { a, b, metric, json, db, postgres };
        command.SetAction(async (result, cancellationToken) =>
        {
            try
            {
                await using var access = await GrainAccess.OpenAsync(result.GetValue(db)!, result.GetValue(postgres), cancellationToken);
                var runner = access.Runner;
                var (runA, runB) = (result.GetValue(a)!, result.GetValue(b)!);
                var first = await RunScores.LoadAsync(runner, runA, cancellationToken);
                var second = await RunScores.LoadAsync(runner, runB, cancellationToken);
                var comparisons = Compare(first, second, runA, runB, result.GetValue(metric) ?? []);
                Print(comparisons, runA, runB, result.GetValue(json));
                return 0;
            }
            catch (Exception exception) when (exception is SpecException or ArgumentException)
            {
                Console.Error.WriteLine($"error: {(exception is SpecException spec ? string.Join("; ", spec.Errors.Select(e => e.Message)) : exception.Message)}");
                return 2;
            }
        });
        return command;
    }

    private static List<(string VariantA, string VariantB, string Metric, PairedComparison Comparison, double Holm)> Compare(
        RunScores first, RunScores second, string runA, string runB, string[] metrics)
    {
        var pairs = first.Variants.Keys.Where(second.Variants.ContainsKey).Select(v => (A: v, B: v)).ToList();
        if (pairs.Count == 0 && first.Variants.Count == 1 && second.Variants.Count == 1)
        {
            pairs.Add((first.Variants.Keys.Single(), second.Variants.Keys.Single()));
        }
        if (pairs.Count == 0)
        {
            throw new ArgumentException($"the runs share no variant: {runA} has {string.Join(", ", first.Variants.Keys)}; {runB} has {string.Join(", ", second.Variants.Keys)}.");
        }
        var found = new List<(string, string, string, PairedComparison)>();
        foreach (var (variantA, variantB) in pairs)
        {
            var scoresA = first.Variants[variantA];
            var scoresB = second.Variants[variantB];
            var shared = scoresA.Keys.Where(scoresB.ContainsKey).Where(m => metrics.Length == 0 || metrics.Contains(m)).ToList();
            foreach (var name in metrics.Where(m => !scoresA.ContainsKey(m) || !scoresB.ContainsKey(m)))
            {
                throw new ArgumentException($"`{name}` is not a score of both runs; {runA} has {string.Join(", ", scoresA.Keys)} and {runB} has {string.Join(", ", scoresB.Keys)}.");
            }
            foreach (var name in shared)
            {
                var rowsA = scoresA[name].ToDictionary(p => p.Key, p => (IReadOnlyList<double>)p.Value, StringComparer.Ordinal);
                var rowsB = scoresB[name].ToDictionary(p => p.Key, p => (IReadOnlyList<double>)p.Value, StringComparer.Ordinal);
                if (rowsA.Keys.Count(rowsB.ContainsKey) < 2)
                {
                    continue;
                }
                found.Add((variantA, variantB, name, PairedComparison.Of(rowsA, rowsB)));
            }
        }
        if (found.Count == 0)
        {
            throw new ArgumentException($"the runs share fewer than two scored rows on every score; a paired comparison needs the same rows in both.");
        }
        var holm = HolmBonferroni.Adjust([.. found.Select(f => f.Item4.Test.PValue)]);
        return [.. found.Select((f, i) => (f.Item1, f.Item2, f.Item3, f.Item4, holm[i]))];
    }

    private static void Print(List<(string VariantA, string VariantB, string Metric, PairedComparison Comparison, double Holm)> comparisons, string runA, string runB, bool json)
    {
        if (json)
        {
            var list = new JsonArray();
            foreach (var c in comparisons)
            {
                var item = ComparisonJson.Of(c.Comparison, c.Metric, 0.95, 0, 0, 0);
                // Across runs the counts of unshared rows belong to each comparison's own pair; the row count says what was compared.
                item.Remove("rows_only_in_a");
                item.Remove("rows_only_in_b");
                item.Remove("lines_without_metric");
                item["variant_a"] = c.VariantA;
                item["variant_b"] = c.VariantB;
                item["p_holm"] = c.Holm;
                item["verdict"] = ComparisonVerdict.Of(c.Comparison, c.Metric, c.Holm, "Holm", $"{runA} ({c.VariantA})", $"{runB} ({c.VariantB})");
                list.Add(item);
            }
            Console.WriteLine(new JsonObject { ["run_a"] = runA, ["run_b"] = runB, ["comparisons"] = list }.ToJsonString());
            return;
        }
        AnsiConsole.MarkupLine($"[bold]{Markup.Escape(runB)}[/] against [bold]{Markup.Escape(runA)}[/] on shared rows (95% paired-bootstrap intervals, p adjusted by Holm over {comparisons.Count}):");
        foreach (var c in comparisons)
        {
            var colour = c.Holm < 0.05 ? "green" : "grey";
            var verdict = ComparisonVerdict.Of(c.Comparison, c.Metric, c.Holm, "Holm", $"{runA} ({c.VariantA})", $"{runB} ({c.VariantB})");
            AnsiConsole.MarkupLine($"  [{colour}]{Markup.Escape(verdict)}[/] [grey]({c.Comparison.Rows:N0} rows)[/]");
        }
    }
}
