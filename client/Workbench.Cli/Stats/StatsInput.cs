using System.Globalization;
using System.Text.Json;

namespace Workbench.Cli.Stats;

/// <summary>Reads the numbers and paired scores that <c>workbench stats</c> takes, naming file and line on bad input.</summary>
internal static class StatsInput
{
    /// <summary>Numbers separated by whitespace, commas or new lines; <c>#</c> starts a comment.</summary>
    public static List<double> Numbers(FileInfo file)
    {
        if (!file.Exists)
        {
            throw new StatsInputException($"{file.FullName}: no such file. Give a text file of numbers, one per line (or separated by spaces or commas).");
        }
        var values = new List<double>();
        var line = 0;
        foreach (var text in File.ReadLines(file.FullName))
        {
            line++;
            var content = text.Split('#', 2)[0];
            foreach (var token in content.Split([' ', '\t', ',', ';'], StringSplitOptions.RemoveEmptyEntries))
            {
                if (!double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
                {
                    throw new StatsInputException($"{file.Name}:{line}: `{token}` is not a number. Write one number per line, for example 0.75 (a dot for decimals).");
                }
                values.Add(value);
            }
        }
        if (values.Count == 0)
        {
            throw new StatsInputException($"{file.Name}: holds no numbers. Write one number per line.");
        }
        return values;
    }

    /// <summary>
    /// Scores by row id from JSONL: either <c>{"id": ..., "METRIC": value}</c> or a run's
    /// <c>results.jsonl</c> (<c>row_id</c>, <c>scores.METRIC.value</c>). Lines with the same id are repeats.
    /// Booleans read as 1 and 0; lines without the metric (a failed cell) are skipped and counted.
    /// </summary>
    public static (Dictionary<string, IReadOnlyList<double>> Scores, int Skipped) Scores(FileInfo file, string metric)
    {
        if (!file.Exists)
        {
            throw new StatsInputException($"{file.FullName}: no such file. Give a JSONL file of {{\"id\": ..., \"{metric}\": value}} lines, or a run's results.jsonl.");
        }
        var scores = new Dictionary<string, List<double>>(StringComparer.Ordinal);
        var variants = new HashSet<string>(StringComparer.Ordinal);
        var skipped = 0;
        var line = 0;
        foreach (var text in File.ReadLines(file.FullName))
        {
            line++;
            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }
            JsonElement root;
            try
            {
                using var document = JsonDocument.Parse(text);
                root = document.RootElement.Clone();
            }
            catch (JsonException exception)
            {
                throw new StatsInputException($"{file.Name}:{line}: not JSON ({exception.Message}). Each line is one object, for example {{\"id\": \"q1\", \"{metric}\": 0.8}}.");
            }
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new StatsInputException($"{file.Name}:{line}: a line must be a JSON object, for example {{\"id\": \"q1\", \"{metric}\": 0.8}}.");
            }
            if (root.TryGetProperty("prompt_id", out var prompt) && root.TryGetProperty("endpoint_id", out var endpoint))
            {
                // A run's results.jsonl holds every variant; their scores on a row are not repeats of one another.
                variants.Add($"{prompt.GetString()} × {endpoint.GetString()}");
                if (variants.Count > 1)
                {
                    throw new StatsInputException($"{file.Name}:{line}: the file holds more than one variant ({string.Join(", ", variants)}), whose scores on a row are not repeats. Compare runs with `workbench compare RUN_A RUN_B` (a run compares its own variants in summary.json), or keep one variant's lines, e.g. grep '\"prompt_id\":\"{prompt.GetString()}\"'.");
                }
            }
            var id = Id(root) ?? throw new StatsInputException($"{file.Name}:{line}: the line has no `id` (or `row_id`); the comparison pairs lines by it.");
            var value = Value(root, metric, file, line);
            if (value is null)
            {
                skipped++;
                continue;
            }
            if (!scores.TryGetValue(id, out var list))
            {
                scores[id] = list = [];
            }
            list.Add(value.Value);
        }
        if (scores.Count == 0)
        {
            throw new StatsInputException($"{file.Name}: no line has a value for `{metric}`. Check the metric name (--metric) against the file.");
        }
        return (scores.ToDictionary(p => p.Key, p => (IReadOnlyList<double>)p.Value, StringComparer.Ordinal), skipped);
    }

    private static string? Id(JsonElement root)
    {
        foreach (var name in new[] { "id", "row_id" })
        {
            if (root.TryGetProperty(name, out var id))
            {
                return id.ValueKind switch
                {
                    JsonValueKind.String => id.GetString(),
                    JsonValueKind.Number => id.GetRawText(),
                    _ => null,
                };
            }
        }
        return null;
    }

    private static double? Value(JsonElement root, string metric, FileInfo file, int line)
    {
        if (root.TryGetProperty(metric, out var direct))
        {
            return Number(direct, metric, file, line);
        }
        if (root.TryGetProperty("scores", out var scores) && scores.ValueKind == JsonValueKind.Object && scores.TryGetProperty(metric, out var score))
        {
            return score.ValueKind == JsonValueKind.Object
                ? score.TryGetProperty("value", out var value) ? Number(value, metric, file, line) : null
                : Number(score, metric, file, line);
        }
        return null;
    }

    private static double? Number(JsonElement value, string metric, FileInfo file, int line) => value.ValueKind switch
    {
        JsonValueKind.Number => value.GetDouble(),
        JsonValueKind.True => 1.0,
        JsonValueKind.False => 0.0,
        JsonValueKind.Null => null,
        _ => throw new StatsInputException($"{file.Name}:{line}: `{metric}` is {value.ValueKind.ToString().ToLowerInvariant()}, not a number or true/false."),
    };
}

/// <summary>Input that <c>workbench stats</c> cannot use; the message names the file, line and fix.</summary>
internal sealed class StatsInputException(string message) : Exception(message);
