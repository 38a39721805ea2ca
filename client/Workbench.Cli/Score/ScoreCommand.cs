using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using Workbench.Evaluation.Datasets;
using Workbench.Evaluation.Scoring;
using Workbench.Evaluation.Specs;
using Workbench.Grains.Embeddings;

namespace Workbench.Cli.Score;

/// <summary>
/// <c>workbench score --metric NAME [--param k=v]... [--corpus] [--input FILE]</c>: scores outputs a
/// user already has. Reads JSONL lines <c>{"prediction": "...", "references": ["..."]}</c> and writes one
/// JSON line per case; with --corpus a last line <c>{"corpus": true, "score": ...}</c> for BLEU and chrF.
/// </summary>
internal static class ScoreCommand
{
    public static Command Create()
    {
        var metric = new Option<string>("--metric") { Description = "The metric, for example bleu, chrf, rougeL, exact_match or f1.", Required = true };
        var parameters = new Option<string[]>("--param") { Description = "A metric parameter as name=value, for example tokenize=13a; repeat for more.", AllowMultipleArgumentsPerToken = false };
        var corpus = new Option<bool>("--corpus") { Description = "Also write the corpus-level score (BLEU, chrF) as a last line." };
        var input = new Option<FileInfo?>("--input") { Description = "Read cases from this file instead of standard input." };
        var command = new Command("score", "Score predictions against references, one JSON line per case.") { metric, parameters, corpus, input };
        command.SetAction((result, cancellationToken) => RunAsync(
            result.GetValue(metric)!, result.GetValue(parameters) ?? [], result.GetValue(corpus), result.GetValue(input), cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(string metric, string[] parameters, bool corpus, FileInfo? input, CancellationToken cancellationToken)
    {
        var source = input?.FullName ?? "stdin";
        Scorer scorer;
        try
        {
            scorer = Build(metric, parameters);
        }
        catch (SpecException exception)
        {
            foreach (var error in exception.Errors)
            {
                await Console.Error.WriteLineAsync($"error: {error.Message}");
            }
            return 2;
        }
        var accumulator = corpus ? scorer.CreateCorpusAccumulator() : null;
        if (corpus && accumulator is null)
        {
            await Console.Error.WriteLineAsync($"error: `{metric}` has no corpus-level score beyond the mean of its cases; drop --corpus, or use bleu or chrf.");
            return 2;
        }

        using var reader = input is null ? Console.In : new StreamReader(input.FullName);
        await using var output = new StreamWriter(Console.OpenStandardOutput()) { AutoFlush = false };
        long line = 0;
        while (await reader.ReadLineAsync(cancellationToken) is { } text)
        {
            line++;
            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }
            if (!TryRead(text, out var prediction, out var references, out var fields, out var problem))
            {
                await output.FlushAsync(cancellationToken);
                await Console.Error.WriteLineAsync($"error: {source}:{line}: {problem} Each line reads {{\"prediction\": \"...\", \"references\": [\"...\"]}}.");
                return 2;
            }
            Workbench.Evaluation.Scoring.Score score;
            try
            {
                score = await scorer.ScoreAsync(new ScoringInput(prediction, fields, 0, 0), null, cancellationToken);
            }
            catch (ArgumentException exception)
            {
                // A case the metric cannot score (an empty reference, say) is reported on its line; it does not end the run.
                score = Workbench.Evaluation.Scoring.Score.Failed(exception.Message);
            }
            if (score.Error is null)
            {
                accumulator?.Add(prediction, references, score);
            }
            var result = new JsonObject { ["line"] = line };
            if (score.Value is { } value)
            {
                result["score"] = value;
            }
            if (score.Passed is { } passed)
            {
                result["passed"] = passed;
            }
            foreach (var (name, detail) in score.Details ?? new Dictionary<string, double>())
            {
                result[name] = detail;
            }
            if (score.Error is not null)
            {
                result["error"] = score.Error;
            }
            await output.WriteLineAsync(result.ToJsonString());
        }
        if (accumulator is not null)
        {
            await output.WriteLineAsync(new JsonObject { ["corpus"] = true, ["score"] = accumulator.Result() }.ToJsonString());
        }
        await output.FlushAsync(cancellationToken);
        return 0;
    }

    /// <summary>Metrics that need a judge endpoint or a cell's retrieved documents, which scoring a file has neither of.</summary>
    private static bool NeedsARun(string metric) => metric is "judge" or "faithfulness" or "context_relevance" or "context_recall" or "context_precision";

    private static Scorer Build(string metric, string[] parameters)
    {
        if (!MetricCatalog.Metrics.TryGetValue(metric, out var definition) || NeedsARun(metric))
        {
            throw new SpecException(new SpecError("--metric", 0, 0,
                $"unknown metric `{metric}`; use one of {string.Join(", ", MetricCatalog.Metrics.Keys.Where(k => !NeedsARun(k)))}."));
        }
        var values = new Dictionary<string, SpecValue>(StringComparer.Ordinal) { ["reference_field"] = new("references", null, 0, 0) };
        double? threshold = null;
        foreach (var parameter in parameters)
        {
            var equals = parameter.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new SpecException(new SpecError("--param", 0, 0, $"`{parameter}` is not name=value; write for example --param tokenize=13a."));
            }
            var (name, value) = (parameter[..equals], parameter[(equals + 1)..]);
            if (name == "threshold")
            {
                threshold = new SpecValue(value, null, 0, 0).AsNumber()
                    ?? throw new SpecException(new SpecError("--param", 0, 0, $"threshold must be a number, for example --param threshold=0.5; found `{value}`."));
                continue;
            }
            if (!definition.Parameters.Contains(name))
            {
                throw new SpecException(new SpecError("--param", 0, 0, $"`{metric}` has no parameter `{name}`; it takes {string.Join(", ", definition.Parameters.Where(p => p != "reference_field"))}."));
            }
            values[name] = new SpecValue(value, value.Contains(',', StringComparison.Ordinal) ? value.Split(',') : null, 0, 0);
        }
        return ScorerFactory.Create(new ScorerSpec(metric, metric, values, threshold, 0), "--param", EmbeddingModels.Shared);
    }

    private static bool TryRead(string text, out string prediction, out IReadOnlyList<string> references, out IReadOnlyDictionary<string, object?> fields, out string problem)
    {
        (prediction, references, fields, problem) = ("", [], new Dictionary<string, object?>(), "");
        try
        {
            using var document = JsonDocument.Parse(text);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("prediction", out var p) || p.ValueKind != JsonValueKind.String)
            {
                problem = "the line has no string field `prediction`.";
                return false;
            }
            prediction = p.GetString()!;
            fields = (Dictionary<string, object?>)JsonFields.ToObject(root)!;
            references = fields.TryGetValue("references", out var value) && JsonFields.References(value) is { } found ? found : [];
            return true;
        }
        catch (JsonException exception)
        {
            problem = $"the line is not valid JSON ({exception.Message.Split(" Path:")[0]}).";
            return false;
        }
    }
}
