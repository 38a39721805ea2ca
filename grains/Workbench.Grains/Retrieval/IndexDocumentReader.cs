using System.Globalization;
using System.Text.Json;

namespace Workbench.Grains.Retrieval;

/// <summary>
/// Reads documents from JSONL, one object per line, checking each as it goes: a line that is not a JSON
/// object, a missing or empty id, an id seen before, or a text field that is not a string is an error
/// that names the file, the line and the fix. A document without text is kept (it exists, and no query
/// matches it), as Lucene keeps it. Streaming: a large collection is never all in memory.
/// </summary>
public static class IndexDocumentReader
{
    /// <summary>The documents of a version as it stored them (<c>documents.jsonl</c>: <c>{"id": ..., "fields": [...]}</c> per line).</summary>
    public static IEnumerable<IndexDocument> ReadIndexed(TextReader reader)
    {
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0)
            {
                continue;
            }
            using var document = JsonDocument.Parse(line);
            var root = document.RootElement;
            yield return new IndexDocument(
                root.GetProperty("id").GetString()!,
                [.. root.GetProperty("fields").EnumerateArray().Select(f => f.GetString() ?? "")]);
        }
    }

    /// <summary>The documents of <paramref name="path"/> under <paramref name="settings"/>.</summary>
    /// <exception cref="FormatException">A line is bad; the message says which and why.</exception>
    public static IEnumerable<IndexDocument> Read(string path, IndexSettings settings)
    {
        var seen = new Dictionary<string, long>(StringComparer.Ordinal);
        long number = 0;
        foreach (var line in File.ReadLines(path))
        {
            number++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }
            JsonDocument document;
            try
            {
                document = JsonDocument.Parse(line);
            }
            catch (JsonException exception)
            {
                throw Bad(path, number, $"this line is not valid JSON ({exception.Message}). Each line must be one object such as {{\"{settings.IdField}\": \"d1\", \"{settings.Fields[0]}\": \"...\"}}.");
            }
            using var parsed = document;
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw Bad(path, number, $"each line must be a JSON object; this one is a {root.ValueKind.ToString().ToLowerInvariant()}.");
            }
            var id = root.TryGetProperty(settings.IdField, out var idValue) ? idValue.ValueKind switch
            {
                JsonValueKind.String => idValue.GetString(),
                JsonValueKind.Number => idValue.GetRawText(),
                _ => null,
            } : null;
            if (string.IsNullOrWhiteSpace(id))
            {
                throw Bad(path, number, $"the document has no `{settings.IdField}` (a string or number). Name the id field with --id-field; fields of this line: {string.Join(", ", root.EnumerateObject().Select(p => p.Name))}.");
            }
            if (seen.TryGetValue(id, out var first))
            {
                throw Bad(path, number, string.Create(CultureInfo.InvariantCulture, $"id `{id}` was already used on line {first}; ids must be unique in an index."));
            }
            seen[id] = number;
            var fields = new List<string>(settings.Fields.Count);
            foreach (var field in settings.Fields)
            {
                if (!root.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null)
                {
                    fields.Add("");
                }
                else if (value.ValueKind == JsonValueKind.String)
                {
                    fields.Add(value.GetString()!);
                }
                else
                {
                    throw Bad(path, number, $"`{field}` of document `{id}` is a {value.ValueKind.ToString().ToLowerInvariant()}; text fields must be strings.");
                }
            }
            yield return new IndexDocument(id, fields);
        }
        if (seen.Count == 0)
        {
            throw new FormatException($"{path} holds no documents: an index needs at least one.");
        }
    }

    private static FormatException Bad(string path, long line, string message) =>
        new(string.Create(CultureInfo.InvariantCulture, $"{path}:{line}: {message}"));
}
