using System.CommandLine;
using System.Globalization;
using DiffPlex.DiffBuilder;
using DiffPlex.DiffBuilder.Model;
using Spectre.Console;
using Workbench.Cli.Cluster;
using Workbench.Evaluation.Specs;
using Workbench.Grains.Catalog;
using Workbench.Grains.Prompts;

namespace Workbench.Cli.Prompts;

/// <summary>
/// <c>workbench prompt push|list|show|diff|label</c>: the prompt registry. Versions are immutable and
/// named by their content hash; labels (production, candidate, ...) point at versions; specs name them
/// as <c>prompt: NAME@label</c> or <c>NAME@v3</c>.
/// </summary>
internal static class PromptCommand
{
    public static Command Create() => new("prompt", "The prompt registry: immutable versions named by content hash, labels, history and diffs.")
    {
        Push(),
        List(),
        Show(),
        Diff(),
        Label(),
    };

    private static Command Push()
    {
        var name = new Argument<string>("NAME") { Description = "The prompt's name, for example qa." };
        var file = new Argument<FileInfo>("FILE") { Description = "A template file (plain text: one user message), or YAML with `system` and `template`, or `messages`." };
        var label = new Option<string?>("--label") { Description = "Also point this label at the version, for example candidate." };
        var (db, postgres) = (GrainAccess.Database(), ClusterOptions.Postgres(required: false));
        var command = new Command("push", "Add a version of a prompt (the same content again returns the existing version).") { name, file, label, db, postgres };
        command.SetAction((result, cancellationToken) => GrainAccess.RunAsync(result.GetValue(db)!, result.GetValue(postgres), async grains =>
        {
            var prompt = CheckName(result.GetValue(name)!);
            var messages = PromptFile.Read(result.GetValue(file)!);
            var grain = grains.GetGrain<IPromptGrain>(prompt);
            var (version, created) = await grain.PushAsync(messages, result.GetValue(file)!.Name, cancellationToken);
            Console.WriteLine(created
                ? $"{prompt}@v{version.Number} ({version.Hash}): pushed"
                : $"{prompt}@v{version.Number} ({version.Hash}): unchanged, this content is already that version");
            if (result.GetValue(label) is { } labelName)
            {
                await grain.LabelAsync($"v{version.Number}", labelName, cancellationToken);
                Console.WriteLine($"{prompt}@{labelName} → v{version.Number}");
            }
        }, cancellationToken));
        return command;
    }

    private static Command List()
    {
        var (db, postgres) = (GrainAccess.Database(), ClusterOptions.Postgres(required: false));
        var command = new Command("list", "List the prompts in the registry with their versions and labels.") { db, postgres };
        command.SetAction((result, cancellationToken) => GrainAccess.RunAsync(result.GetValue(db)!, result.GetValue(postgres), async grains =>
        {
            var names = await grains.GetGrain<ICatalogGrain>(ICatalogGrain.Prompts).NamesAsync(cancellationToken);
            if (names.Count == 0)
            {
                Console.WriteLine("The registry is empty. Add a prompt with: workbench prompt push NAME FILE");
                return;
            }
            var table = new Table().AddColumn("prompt").AddColumn("versions").AddColumn("latest").AddColumn("labels");
            foreach (var prompt in names)
            {
                if (await grains.GetGrain<IPromptGrain>(prompt).GetAsync(cancellationToken) is { } entry)
                {
                    var latest = entry.Versions[^1];
                    table.AddRow(Markup.Escape(prompt), entry.Versions.Count.ToString(CultureInfo.InvariantCulture), $"v{latest.Number} ({latest.Hash})",
                        Markup.Escape(string.Join(", ", entry.Labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key} → v{l.Value}"))));
                }
            }
            AnsiConsole.Write(table);
        }, cancellationToken));
        return command;
    }

    private static Command Show()
    {
        var reference = new Argument<string>("NAME[@VERSION]") { Description = "A prompt (its history), or one version: NAME@v3, NAME@label, NAME@HASH." };
        var (db, postgres) = (GrainAccess.Database(), ClusterOptions.Postgres(required: false));
        var command = new Command("show", "Show a prompt's versions, labels and history, or one version's messages.") { reference, db, postgres };
        command.SetAction((result, cancellationToken) => GrainAccess.RunAsync(result.GetValue(db)!, result.GetValue(postgres), async grains =>
        {
            var text = result.GetValue(reference)!;
            var parsed = PromptReference.Parse(text) ?? throw new PromptFileException($"`{text}` is not NAME or NAME@VERSION.");
            var grain = grains.GetGrain<IPromptGrain>(parsed.Name);
            var entry = await grain.GetAsync(cancellationToken) ?? throw NotFound(parsed.Name);
            if (text.Contains('@', StringComparison.Ordinal))
            {
                var version = await grain.ResolveAsync(parsed.Selector, cancellationToken) ?? throw NoVersion(parsed);
                var labels = entry.Labels.Where(l => l.Value == version.Number).Select(l => l.Key).Order(StringComparer.Ordinal).ToList();
                Console.WriteLine($"{parsed.Name}@v{version.Number}  {version.Hash}  pushed {version.PushedAt:yyyy-MM-dd HH:mm:ss} UTC{(version.Source is null ? "" : $" from {version.Source}")}{(labels.Count > 0 ? $"  labels: {string.Join(", ", labels)}" : "")}");
                foreach (var message in version.Messages)
                {
                    Console.WriteLine($"--- {message.Role}");
                    Console.WriteLine(message.Template);
                }
                return;
            }
            var table = new Table().AddColumn("version").AddColumn("hash").AddColumn("pushed (UTC)").AddColumn("from").AddColumn("labels");
            foreach (var version in entry.Versions)
            {
                table.AddRow($"v{version.Number}", version.Hash, version.PushedAt.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
                    Markup.Escape(version.Source ?? ""), Markup.Escape(string.Join(", ", entry.Labels.Where(l => l.Value == version.Number).Select(l => l.Key).Order(StringComparer.Ordinal))));
            }
            AnsiConsole.Write(table);
            Console.WriteLine("History:");
            foreach (var happened in entry.History)
            {
                Console.WriteLine($"  {happened.At:yyyy-MM-dd HH:mm:ss}  {happened.What}");
            }
        }, cancellationToken));
        return command;
    }

    private static Command Diff()
    {
        var name = new Argument<string>("NAME") { Description = "The prompt." };
        var a = new Argument<string>("A") { Description = "A version: v1, a label or a hash." };
        var b = new Argument<string>("B") { Description = "The version to compare with A." };
        var (db, postgres) = (GrainAccess.Database(), ClusterOptions.Postgres(required: false));
        var command = new Command("diff", "Show what changed between two versions of a prompt, line by line.") { name, a, b, db, postgres };
        command.SetAction((result, cancellationToken) => GrainAccess.RunAsync(result.GetValue(db)!, result.GetValue(postgres), async grains =>
        {
            var prompt = result.GetValue(name)!;
            var grain = grains.GetGrain<IPromptGrain>(prompt);
            _ = await grain.GetAsync(cancellationToken) ?? throw NotFound(prompt);
            var first = await grain.ResolveAsync(result.GetValue(a)!, cancellationToken) ?? throw NoVersion(new PromptReference(prompt, result.GetValue(a)!));
            var second = await grain.ResolveAsync(result.GetValue(b)!, cancellationToken) ?? throw NoVersion(new PromptReference(prompt, result.GetValue(b)!));
            Console.WriteLine($"--- {prompt}@v{first.Number} ({first.Hash})");
            Console.WriteLine($"+++ {prompt}@v{second.Number} ({second.Hash})");
            var diff = InlineDiffBuilder.Diff(Render(first), Render(second), ignoreWhiteSpace: false);
            foreach (var line in diff.Lines)
            {
                Console.WriteLine(line.Type switch
                {
                    ChangeType.Inserted => "+ " + line.Text,
                    ChangeType.Deleted => "- " + line.Text,
                    _ => "  " + line.Text,
                });
            }
        }, cancellationToken));
        return command;
    }

    private static Command Label()
    {
        var version = new Argument<string>("NAME@VERSION") { Description = "The version to label: NAME@v3, NAME@HASH or NAME@other-label." };
        var label = new Argument<string>("LABEL") { Description = "The label, for example production." };
        var (db, postgres) = (GrainAccess.Database(), ClusterOptions.Postgres(required: false));
        var command = new Command("label", "Point a label at a version (moving it if it pointed elsewhere).") { version, label, db, postgres };
        command.SetAction((result, cancellationToken) => GrainAccess.RunAsync(result.GetValue(db)!, result.GetValue(postgres), async grains =>
        {
            var text = result.GetValue(version)!;
            var parsed = PromptReference.Parse(text);
            if (parsed is null || parsed.Selector.Length == 0)
            {
                throw new PromptFileException($"`{text}` names no version; write NAME@v3 (or NAME@HASH).");
            }
            var grain = grains.GetGrain<IPromptGrain>(parsed.Name);
            _ = await grain.GetAsync(cancellationToken) ?? throw NotFound(parsed.Name);
            var labelled = await grain.LabelAsync(parsed.Selector, result.GetValue(label)!, cancellationToken);
            Console.WriteLine($"{parsed.Name}@{result.GetValue(label)} → v{labelled.Number} ({labelled.Hash})");
        }, cancellationToken));
        return command;
    }

    private static string Render(PromptVersion version) =>
        string.Join("\n", version.Messages.Select(m => $"[{m.Role}]\n{m.Template}"));

    private static string CheckName(string name) =>
        PromptReference.IsName(name)
            ? name
            : throw new PromptFileException($"`{name}` cannot be a prompt name: use letters, digits, '-', '_' or '.', starting with a letter or digit.");

    private static PromptFileException NotFound(string name) =>
        new($"there is no prompt `{name}` in the registry; `workbench prompt list` lists them, `workbench prompt push {name} FILE` adds it.");

    private static PromptFileException NoVersion(PromptReference reference) =>
        new($"prompt `{reference.Name}` has no version `{reference.Selector}`; `workbench prompt show {reference.Name}` lists its versions and labels.");
}
