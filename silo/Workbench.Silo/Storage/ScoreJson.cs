using System.Buffers;
using System.Text;
using System.Text.Json;
using Workbench.Evaluation.Scoring;

namespace Workbench.Silo.Storage;

/// <summary>
/// Cell scores as JSON, written and read by hand: it runs once per cell, a million times in a large
/// run, where reflection-based serialisation would be the slowest step.
/// <c>{"bleu": {"value": 37.9, "passed": true, "error": "...", "rationale": "...", "details": {"bp": 1}}}</c>.
/// </summary>
public static class ScoreJson
{
    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_buffer;

    /// <summary>The scores as one JSON object.</summary>
    public static string Write(IReadOnlyDictionary<string, Score> scores)
    {
        var buffer = t_buffer ??= new ArrayBufferWriter<byte>(1024);
        buffer.ResetWrittenCount();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            Write(writer, scores);
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>Writes the scores as one JSON object, the value of whatever property or array the writer is at.</summary>
    public static void Write(Utf8JsonWriter writer, IReadOnlyDictionary<string, Score> scores)
    {
        writer.WriteStartObject();
        foreach (var (id, score) in scores)
        {
            writer.WriteStartObject(id);
            if (score.Value is { } value && double.IsFinite(value))
            {
                writer.WriteNumber("value", value);
            }
            if (score.Passed is { } passed)
            {
                writer.WriteBoolean("passed", passed);
            }
            if (score.Error is not null)
            {
                writer.WriteString("error", score.Error);
            }
            if (score.Rationale is not null)
            {
                writer.WriteString("rationale", score.Rationale);
            }
            if (score.Details is { Count: > 0 } details)
            {
                writer.WriteStartObject("details");
                foreach (var (name, detail) in details)
                {
                    writer.WriteNumber(name, detail);
                }
                writer.WriteEndObject();
            }
            writer.WriteEndObject();
        }
        writer.WriteEndObject();
    }

    /// <summary>The scores of a JSON object written by <see cref="Write(Utf8JsonWriter, IReadOnlyDictionary{string, Score})"/>.</summary>
    public static Dictionary<string, Score> Read(string json)
    {
        using var document = JsonDocument.Parse(json);
        var scores = new Dictionary<string, Score>(StringComparer.Ordinal);
        foreach (var entry in document.RootElement.EnumerateObject())
        {
            var score = entry.Value;
            Dictionary<string, double>? details = null;
            if (score.TryGetProperty("details", out var detailsElement))
            {
                details = [];
                foreach (var detail in detailsElement.EnumerateObject())
                {
                    details[detail.Name] = detail.Value.GetDouble();
                }
            }
            scores[entry.Name] = new Score(
                score.TryGetProperty("value", out var value) ? value.GetDouble() : null,
                score.TryGetProperty("passed", out var passed) ? passed.GetBoolean() : null,
                score.TryGetProperty("error", out var error) ? error.GetString() : null,
                score.TryGetProperty("rationale", out var rationale) ? rationale.GetString() : null,
                details);
        }
        return scores;
    }
}
