using System.Text.Json;
using Workbench.Evaluation.Retrieval;

namespace Workbench.Grains.Runs;

/// <summary>
/// What a cell was given from an index, as the store and the results file record it:
/// <c>{"index": "cranfield", "version": "75201cfc1dd4", "query": "...", "ids": ["184", "29"]}</c>.
/// The documents' texts are left out: the version and ids name them exactly.
/// </summary>
public static class ContextJson
{
    /// <summary>The context as JSON, or null for none.</summary>
    public static string? Write(RetrievedContext? context)
    {
        if (context is null)
        {
            return null;
        }
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            Write(writer, context);
        }
        return System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    /// <summary>Writes the context as a JSON object.</summary>
    public static void Write(Utf8JsonWriter writer, RetrievedContext context)
    {
        writer.WriteStartObject();
        writer.WriteString("index", context.Index);
        writer.WriteString("version", context.Version);
        writer.WriteString("query", context.Query);
        writer.WriteStartArray("ids");
        foreach (var id in context.Ids)
        {
            writer.WriteStringValue(id);
        }
        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    /// <summary>Reads what <see cref="Write(RetrievedContext?)"/> wrote; null stays null.</summary>
    public static RetrievedContext? Read(string? json)
    {
        if (json is null)
        {
            return null;
        }
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        return new RetrievedContext(
            root.GetProperty("index").GetString()!,
            root.GetProperty("version").GetString()!,
            root.GetProperty("query").GetString()!,
            [.. root.GetProperty("ids").EnumerateArray().Select(id => id.GetString()!)],
            []);
    }
}
