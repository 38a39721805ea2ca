using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using Workbench.Cli.Cluster;
using Workbench.Grains.Catalog;
using Workbench.Grains.Experiments;

namespace Workbench.Cli.Experiments;

/// <summary>
/// <c>workbench experiment list|show|baseline</c>: runs grouped over time (a spec's <c>experiment:</c>
/// or <c>eval --experiment</c>), each score's history with intervals, and a baseline.
/// </summary>
internal static class ExperimentCommand
{
    public static Command Create() => new("experiment", "Experiments: runs grouped over time, each score's history with intervals, and a baseline.")
    {
        List(),
        Show(),
        Baseline(),
    };

    private static Command List()
    {
        var (db, postgres) = (GrainAccess.Database(), ClusterOptions.Postgres(required: false));
        var command = new Command("list", "List the experiments with their runs and baselines.") { db, postgres };
        command.SetAction((result, cancellationToken) => GrainAccess.RunAsync(result.GetValue(db)!, result.GetValue(postgres), async grains =>
        {
            var names = await grains.GetGrain<ICatalogGrain>(ICatalogGrain.Experiments).NamesAsync(cancellationToken);
            if (names.Count == 0)
            {
                Console.WriteLine("No experiments yet. Put `experiment: NAME` in a spec, or run: workbench eval SPEC --experiment NAME");
                return;
            }
            var table = new Table().AddColumn("experiment").AddColumn("runs").AddColumn("baseline").AddColumn("latest run").AddColumn("finished (UTC)");
            foreach (var name in names)
            {
                if (await grains.GetGrain<IExperimentGrain>(name).GetAsync(cancellationToken) is { } entry)
                {
                    var latest = entry.Runs[^1];
                    table.AddRow(Markup.Escape(name), entry.Runs.Count.ToString(CultureInfo.InvariantCulture), Markup.Escape(entry.Baseline ?? ""), Markup.Escape(latest.RunId),
                        latest.FinishedAt.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture));
                }
            }
            AnsiConsole.Write(table);
        }, cancellationToken));
        return command;
    }

    private static Command Show()
    {
        var name = new Argument<string>("NAME") { Description = "The experiment." };
        var (db, postgres) = (GrainAccess.Database(), ClusterOptions.Postgres(required: false));
        var command = new Command("show", "Show each score's history across the experiment's runs, per variant, with 95% intervals.") { name, db, postgres };
        command.SetAction((result, cancellationToken) => GrainAccess.RunAsync(result.GetValue(db)!, result.GetValue(postgres), async grains =>
        {
            var experiment = result.GetValue(name)!;
            var entry = await grains.GetGrain<IExperimentGrain>(experiment).GetAsync(cancellationToken)
                ?? throw new ArgumentException($"there is no experiment `{experiment}`; `workbench experiment list` lists them.");
            AnsiConsole.MarkupLine($"[bold]{Markup.Escape(entry.Name)}[/]: {entry.Runs.Count} run(s), baseline {Markup.Escape(entry.Baseline ?? "none")}");
            foreach (var scorer in entry.Runs.SelectMany(r => r.Scores).Select(s => s.Scorer).Distinct(StringComparer.Ordinal))
            {
                var variants = entry.Runs.SelectMany(r => r.Scores).Where(s => s.Scorer == scorer).Select(s => s.Variant).Distinct(StringComparer.Ordinal).ToList();
                var table = new Table { Title = new TableTitle(Markup.Escape(scorer)) }.AddColumn("run").AddColumn("finished (UTC)").AddColumn("status");
                foreach (var variant in variants)
                {
                    table.AddColumn(new TableColumn(Markup.Escape(variant + "\nmean [95% CI]")).RightAligned());
                }
                foreach (var run in entry.Runs)
                {
                    var cells = new List<string>
                    {
                        Markup.Escape(run.RunId) + (run.RunId == entry.Baseline ? " (baseline)" : ""),
                        run.FinishedAt.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
                        Markup.Escape(run.Status),
                    };
                    foreach (var variant in variants)
                    {
                        var score = run.Scores.FirstOrDefault(s => s.Scorer == scorer && s.Variant == variant);
                        cells.Add(score?.Mean is { } mean ? Markup.Escape($"{F(mean)} [{F(score.Low)}, {F(score.High)}]") + $"\n[grey]{Markup.Escape(score.PromptHash)}[/]" : "–");
                    }
                    table.AddRow(cells.ToArray());
                }
                AnsiConsole.Write(table);
            }
            var last = entry.Runs[^1];
            foreach (var verdict in last.Verdicts)
            {
                AnsiConsole.MarkupLine($"  {Markup.Escape(last.RunId)}: {Markup.Escape(verdict)}");
            }
            if (entry.Baseline is { } baseline && baseline != last.RunId)
            {
                Console.WriteLine($"Compare the latest run with the baseline on their shared rows: workbench compare {baseline} {last.RunId}");
            }
        }, cancellationToken));
        return command;
    }

    private static Command Baseline()
    {
        var name = new Argument<string>("NAME") { Description = "The experiment." };
        var run = new Argument<string>("RUN") { Description = "The run that becomes the baseline." };
        var (db, postgres) = (GrainAccess.Database(), ClusterOptions.Postgres(required: false));
        var command = new Command("baseline", "Make a run the experiment's baseline.") { name, run, db, postgres };
        command.SetAction((result, cancellationToken) => GrainAccess.RunAsync(result.GetValue(db)!, result.GetValue(postgres), async grains =>
        {
            await grains.GetGrain<IExperimentGrain>(result.GetValue(name)!).SetBaselineAsync(result.GetValue(run)!, cancellationToken);
            Console.WriteLine($"{result.GetValue(name)}: baseline {result.GetValue(run)}");
        }, cancellationToken));
        return command;
    }

    private static string F(double? value) => value is { } v ? v.ToString(Math.Abs(v) >= 100 ? "0.#" : "0.###", CultureInfo.InvariantCulture) : "–";
}
