using System.Buffers;
using System.Text.Json;
using Workbench.Evaluation.Scoring;

namespace Workbench.Grains.Runs;

/// <summary>
/// Cell scores as JSON, written and read by hand: it runs once per cell, a million times in a large
/// run, where reflection-based serialisation would be the slowest step.
/// <c>{"bleu": {"value": 37.9, "passed": true, "error": "...", "rationale": "...", "details": {"bp": 1}}}</c>.
/// </summary>
public static class ScoreJson
{
    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_buffer;

    [ThreadStatic]
    private static Utf8JsonWriter? t_writer;

    /// <summary>
    /// The scores as one JSON object in UTF-8, in a buffer of this thread that the next call reuses:
    /// copy it, or use it before serialising again.
    /// </summary>
    public static ReadOnlySpan<byte> Utf8(IReadOnlyDictionary<string, Score> scores)
    {
        var buffer = t_buffer ??= new ArrayBufferWriter<byte>(1024);
        buffer.ResetWrittenCount();
        var writer = t_writer ??= new Utf8JsonWriter(buffer);
        writer.Reset(buffer);
        Write(writer, scores);
        writer.Flush();
        return buffer.WrittenSpan;
    }

    /// <summary>Writes the scores as one JSON object, the value of whatever property or array the writer is at.</summary>
    private static void Write(Utf8JsonWriter writer, IReadOnlyDictionary<string, Score> scores)
    {
        writer.WriteStartObject();
        foreach (var (id, score) in scores)
        {
            writer.WriteStartObject(id);
            if (score.Value is { } value && double.IsFinite(value))
            {
                WriteNumber(writer, "value", value);
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
                    WriteNumber(writer, name, detail);
                }
                writer.WriteEndObject();
            }
            writer.WriteEndObject();
        }
        writer.WriteEndObject();
    }

    /// <summary>
    /// Whole numbers (counts, lengths, 0/1 scores: most details) as integers, which is the same JSON
    /// text as the shortest round-trip form of the double, and several times cheaper to produce.
    /// </summary>
    private static void WriteNumber(Utf8JsonWriter writer, string name, double value)
    {
        if (IsSmallWholeNumber(value))
        {
            writer.WriteNumber(name, (long)value);
        }
        else
        {
            writer.WriteNumber(name, value);
        }
    }

    private static bool IsSmallWholeNumber(double value) =>
        Math.Abs(value) < 1e15 && value == Math.Floor(value) && !(value == 0 && double.IsNegative(value));

    /// <summary>The scores of a JSON object written by <see cref="Utf8"/>.</summary>
    public static Dictionary<string, Score> Read(string json) => Read(System.Text.Encoding.UTF8.GetBytes(json));

    /// <summary>The scores of a JSON object written by <see cref="Utf8"/>, read from its UTF-8 bytes in one forward pass.</summary>
    public static Dictionary<string, Score> Read(ReadOnlySpan<byte> utf8)
    {
        var reader = new Utf8JsonReader(utf8);
        var scores = new Dictionary<string, Score>(StringComparer.Ordinal);
        Expect(ref reader, JsonTokenType.StartObject);
        while (Next(ref reader) == JsonTokenType.PropertyName)
        {
            var name = reader.GetString()!;
            Expect(ref reader, JsonTokenType.StartObject);
            double? value = null;
            bool? passed = null;
            string? error = null;
            string? rationale = null;
            Dictionary<string, double>? details = null;
            while (Next(ref reader) == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("value"u8))
                {
                    value = Next(ref reader) == JsonTokenType.Null ? null : reader.GetDouble();
                }
                else if (reader.ValueTextEquals("passed"u8))
                {
                    passed = Next(ref reader) == JsonTokenType.Null ? null : reader.GetBoolean();
                }
                else if (reader.ValueTextEquals("error"u8))
                {
                    Next(ref reader);
                    error = reader.GetString();
                }
                else if (reader.ValueTextEquals("rationale"u8))
                {
                    Next(ref reader);
                    rationale = reader.GetString();
                }
                else if (reader.ValueTextEquals("details"u8))
                {
                    Expect(ref reader, JsonTokenType.StartObject);
                    details = [];
                    while (Next(ref reader) == JsonTokenType.PropertyName)
                    {
                        var key = reader.GetString()!;
                        Next(ref reader);
                        details[key] = reader.GetDouble();
                    }
                }
                else
                {
                    Next(ref reader);
                    reader.Skip();
                }
            }
            scores[name] = new Score(value, passed, error, rationale, details);
        }
        return scores;
    }

    private static JsonTokenType Next(ref Utf8JsonReader reader) =>
        reader.Read() ? reader.TokenType : throw new JsonException("the scores end early.");

    private static void Expect(ref Utf8JsonReader reader, JsonTokenType type)
    {
        if (Next(ref reader) != type)
        {
            throw new JsonException($"the scores have {reader.TokenType} where {type} belongs.");
        }
    }
}
