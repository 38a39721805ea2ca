using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Spectre.Console;
using Workbench.Evaluation.Retrieval;
using Workbench.Evaluation.Specs;
using Workbench.Grains.Retrieval;

namespace Workbench.Cli.Retrieval;

/// <summary>
/// <c>workbench index build|search|eval</c>: retrieval indexes on Lucene (Lucene 8's BM25), with optional
/// arctic-xs embeddings for dense and hybrid search, measured with trec_eval's conventions.
/// </summary>
internal static class IndexCommand
{
    public static Command Create() => new("index", "Retrieval indexes: build from JSONL documents, search, and evaluate against relevance judgements.")
    {
        Build(),
        Search(),
        Evaluate(),
    };

    private static Option<string> Root() => new("--root") { Description = "The folder of indexes.", DefaultValueFactory = _ => new RetrievalOptions().IndexRoot };

    private static Command Build()
    {
        var name = new Argument<string>("NAME") { Description = "The index." };
        var docs = new Option<FileInfo>("--docs") { Description = "JSONL documents, one object per line.", Required = true };
        var idField = new Option<string>("--id-field") { Description = "The documents' id field.", DefaultValueFactory = _ => "id" };
        var fields = new Option<string>("--fields") { Description = "The text fields, comma-separated, searched together.", DefaultValueFactory = _ => "title,text" };
        var dense = new Option<bool>("--dense") { Description = "Also embed the documents with arctic-xs, for dense and hybrid search." };
        var analyzer = new Option<string>("--analyzer") { Description = "english (stop words, Porter stemming) or standard.", DefaultValueFactory = _ => "english" };
        analyzer.AcceptOnlyFromAmong("english", "standard");
        var k1 = new Option<float>("--k1") { Description = "BM25's k1.", DefaultValueFactory = _ => 1.2f };
        var b = new Option<float>("--b") { Description = "BM25's b.", DefaultValueFactory = _ => 0.75f };
        var root = Root();
        var command = new Command("build", "Build a version of an index from JSONL documents (a version is named by the hash of its documents and settings).")
        {
            name, docs, idField, fields, dense, analyzer, k1, b, root,
        };
        command.SetAction(async (result, cancellationToken) =>
        {
            var path = result.GetValue(docs)!;
            if (!path.Exists)
            {
                await Console.Error.WriteLineAsync($"error: {path.FullName} does not exist.");
                return 2;
            }
            var settings = new IndexSettings(result.GetValue(idField)!, [.. result.GetValue(fields)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)],
                result.GetValue(analyzer)!, result.GetValue(k1), result.GetValue(b), result.GetValue(dense));
            if (settings.Fields.Count == 0 || !IsName(result.GetValue(name)!))
            {
                await Console.Error.WriteLineAsync("error: give at least one text field (--fields title,text) and an index name of letters, digits, '-', '_' or '.'.");
                return 2;
            }
            var watch = Stopwatch.StartNew();
            // On a terminal the count rewrites one line; in a log it is a line every few seconds.
            var shown = TimeSpan.Zero;
            var live = !Console.IsErrorRedirected;
            void ShowProgress(int count)
            {
                if (live)
                {
                    Console.Error.Write(string.Create(CultureInfo.InvariantCulture, $"\rindexed {count:N0} documents"));
                }
                else if (watch.Elapsed - shown >= TimeSpan.FromSeconds(5))
                {
                    shown = watch.Elapsed;
                    Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"indexed {count:N0} documents"));
                }
            }
            void EndProgress()
            {
                if (live)
                {
                    Console.Error.WriteLine();
                }
            }
            try
            {
                var (version, built) = await IndexBuilder.BuildAsync(new IndexFolder(result.GetValue(root)!), result.GetValue(name)!, path.FullName, settings,
                    ShowProgress, cancellationToken);
                EndProgress();
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"index {version.Name}: version {version.Version}, {version.Documents:N0} documents{(settings.Dense ? " with embeddings" : "")}, {(built ? "built" : "unchanged (this version existed)")} in {watch.Elapsed.TotalSeconds:0.0} s."));
                return 0;
            }
            catch (Exception exception) when (exception is FormatException or IOException or UnauthorizedAccessException or InvalidOperationException)
            {
                EndProgress();
                await Console.Error.WriteLineAsync($"error: {exception.Message}");
                return 2;
            }
        });
        return command;
    }

    private static Command Search()
    {
        var name = new Argument<string>("NAME") { Description = "The index." };
        var query = new Argument<string>("QUERY") { Description = "The query, as plain text: query syntax in it is searched as words." };
        var k = new Option<int>("-k") { Description = "How many documents.", DefaultValueFactory = _ => 10 };
        var mode = ModeOption();
        var json = new Option<bool>("--json") { Description = "Print JSON lines instead of a table." };
        var root = Root();
        var command = new Command("search", "Search an index: ranked ids, scores and snippets.") { name, query, k, mode, json, root };
        command.SetAction(async (result, cancellationToken) => await WithIndexAsync(result.GetValue(root)!, result.GetValue(name)!, async index =>
        {
            var hits = await index.SearchAsync(result.GetValue(query)!, Math.Max(1, result.GetValue(k)), ParseMode(result.GetValue(mode)!), snippets: true, cancellationToken);
            if (result.GetValue(json))
            {
                foreach (var (hit, rank) in hits.Select((h, i) => (h, i + 1)))
                {
                    Console.WriteLine(new JsonObject { ["rank"] = rank, ["id"] = hit.DocumentId, ["score"] = hit.Score, ["snippet"] = hit.Snippet, ["version"] = index.Version.Version }.ToJsonString());
                }
                return;
            }
            var table = new Table { Caption = new TableTitle($"{index.Version.Name} @ {index.Version.Version}") }.AddColumn("#").AddColumn("id").AddColumn("score").AddColumn("snippet");
            foreach (var (hit, rank) in hits.Select((h, i) => (h, i + 1)))
            {
                table.AddRow(rank.ToString(CultureInfo.InvariantCulture), Markup.Escape(hit.DocumentId), hit.Score.ToString("0.####", CultureInfo.InvariantCulture),
                    Markup.Escape(hit.Snippet).Replace("**", "", StringComparison.Ordinal));
            }
            AnsiConsole.Write(table);
        }));
        return command;
    }

    private static Command Evaluate()
    {
        var name = new Argument<string>("NAME") { Description = "The index." };
        var queries = new Option<FileInfo>("--queries") { Description = "JSONL queries: {\"id\": ..., \"text\": ...}.", Required = true };
        var qrels = new Option<FileInfo>("--qrels") { Description = "Judgements: TREC qrels, or a `query_id doc_id relevance` TSV with that header.", Required = true };
        var k = new Option<int>("--k") { Description = "The cut-off of nDCG, precision and recall.", DefaultValueFactory = _ => 10 };
        var depth = new Option<int>("--depth") { Description = "Documents retrieved per query (trec_eval's -M).", DefaultValueFactory = _ => 1000 };
        var mode = ModeOption();
        var json = new Option<bool>("--json") { Description = "Print one JSON object: map, mrr, ndcg@K, p@K, recall@K." };
        var root = Root();
        var command = new Command("eval", "Measure an index with trec_eval's conventions: MAP, nDCG@k, P@k, recall@k and MRR.") { name, queries, qrels, k, depth, mode, json, root };
        command.SetAction(async (result, cancellationToken) =>
        {
            RelevanceJudgements judgements;
            List<(string Id, string Text)> topics;
            try
            {
                judgements = RelevanceJudgements.Read(result.GetValue(qrels)!.FullName);
                topics = ReadQueries(result.GetValue(queries)!.FullName);
            }
            catch (Exception exception) when (exception is FormatException or IOException)
            {
                await Console.Error.WriteLineAsync($"error: {exception.Message}");
                return 2;
            }
            var cut = Math.Max(1, result.GetValue(k));
            return await WithIndexAsync(result.GetValue(root)!, result.GetValue(name)!, async index =>
            {
                var searchMode = ParseMode(result.GetValue(mode)!);
                var rankings = new Dictionary<string, IReadOnlyList<RankedDocument>>(StringComparer.Ordinal);
                foreach (var (id, text) in topics)
                {
                    var hits = await index.SearchAsync(text, Math.Max(cut, result.GetValue(depth)), searchMode, snippets: false, cancellationToken);
                    rankings[id] = [.. hits.Select(h => new RankedDocument(h.DocumentId, h.Score))];
                }
                var scores = RetrievalMetrics.Average(rankings, judgements, cut, Math.Max(1, result.GetValue(depth)));
                var figures = new JsonObject
                {
                    ["map"] = scores.MeanAveragePrecision,
                    ["mrr"] = scores.ReciprocalRank,
                    [$"ndcg@{cut}"] = scores.Ndcg,
                    [$"p@{cut}"] = scores.Precision,
                    [$"recall@{cut}"] = scores.Recall,
                    ["queries"] = scores.Queries,
                    ["mode"] = result.GetValue(mode),
                    ["version"] = index.Version.Version,
                };
                if (result.GetValue(json))
                {
                    Console.WriteLine(figures.ToJsonString());
                    return;
                }
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{index.Version.Name} @ {index.Version.Version}, {result.GetValue(mode)}, {scores.Queries} queries: MAP {scores.MeanAveragePrecision:0.0000}  MRR {scores.ReciprocalRank:0.0000}  nDCG@{cut} {scores.Ndcg:0.0000}  P@{cut} {scores.Precision:0.0000}  recall@{cut} {scores.Recall:0.0000}"));
            });
        });
        return command;
    }

    private static Option<string> ModeOption()
    {
        var mode = new Option<string>("--mode") { Description = "bm25, dense or hybrid (reciprocal rank fusion of the two).", DefaultValueFactory = _ => "bm25" };
        mode.AcceptOnlyFromAmong([.. RetrievalSpec.Modes]);
        return mode;
    }

    private static SearchMode ParseMode(string mode) => Enum.Parse<SearchMode>(mode, ignoreCase: true);

    private static async Task<int> WithIndexAsync(string root, string name, Func<RetrievalIndex, Task> action)
    {
        try
        {
            using var index = RetrievalIndex.Open(new IndexFolder(root), name);
            await action(index);
            return 0;
        }
        catch (Exception exception) when (exception is InvalidOperationException or ArgumentException or IOException)
        {
            await Console.Error.WriteLineAsync($"error: {exception.Message}");
            return 2;
        }
    }

    private static List<(string Id, string Text)> ReadQueries(string path)
    {
        var queries = new List<(string, string)>();
        var number = 0;
        foreach (var line in File.ReadLines(path))
        {
            number++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }
            try
            {
                var node = JsonNode.Parse(line);
                var id = node?["id"]?.ToString();
                var text = node?["text"]?.GetValue<string>();
                if (string.IsNullOrEmpty(id) || string.IsNullOrWhiteSpace(text))
                {
                    throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"{path}:{number}: each query needs `id` and `text`, for example {{\"id\": \"1\", \"text\": \"...\"}}."));
                }
                queries.Add((id, text));
            }
            catch (Exception exception) when (exception is JsonException or InvalidOperationException)
            {
                throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"{path}:{number}: not a JSON object with a string `text`: {exception.Message}"));
            }
        }
        return queries;
    }

    private static bool IsName(string name) => name.Length > 0 && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.') && name[0] != '.';
}
