using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Workbench.Evaluation.Datasets;

/// <summary>Turns JSON into plain .NET values that templates and scorers can read.</summary>
public static class JsonFields
{
    /// <summary>
    /// Objects become dictionaries, arrays lists, numbers doubles (or longs when whole), and null stays
    /// null. A key that appears twice in one object keeps its last value, as Python's json does.
    /// </summary>
    public static object? ToObject(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => Object(element),
        JsonValueKind.Array => element.EnumerateArray().Select(ToObject).ToList(),
        JsonValueKind.String => element.GetString(),
        JsonValueKind.Number => element.TryGetInt64(out var whole) ? whole : element.GetDouble(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => null,
    };

    /// <summary>
    /// The value of one JSON text, read straight into the values <see cref="ToObject"/> gives, without
    /// building a document first: this runs once for every dataset row.
    /// </summary>
    /// <exception cref="JsonException">The text is not one valid JSON value.</exception>
    public static object? Parse(string json)
    {
        var length = Encoding.UTF8.GetMaxByteCount(json.Length);
        byte[]? rented = null;
        var utf8 = length <= 1024 ? stackalloc byte[1024] : (rented = ArrayPool<byte>.Shared.Rent(length));
        try
        {
            return Parse(utf8[..Encoding.UTF8.GetBytes(json, utf8)]);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary>The value of one JSON text in UTF-8; see <see cref="Parse(string)"/>.</summary>
    /// <exception cref="JsonException">The text is not one valid JSON value.</exception>
    public static object? Parse(ReadOnlySpan<byte> utf8)
    {
        var reader = new Utf8JsonReader(utf8);
        reader.Read();
        var value = Read(ref reader);
        // A second value after the first is an error the reader raises itself.
        reader.Read();
        return value;
    }

    /// <summary>The kind of JSON value <paramref name="value"/> came from, as <see cref="JsonValueKind"/> names it in lower case.</summary>
    public static string KindOf(object? value) => value switch
    {
        null => "null",
        string => "string",
        true => "true",
        false => "false",
        long or double => "number",
        IList<object?> => "array",
        _ => "object",
    };

    private static object? Read(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
                var fields = new Dictionary<string, object?>(StringComparer.Ordinal);
                while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
                {
                    var name = reader.GetString()!;
                    reader.Read();
                    fields[name] = Read(ref reader);
                }
                return fields;
            case JsonTokenType.StartArray:
                var items = new List<object?>();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    items.Add(Read(ref reader));
                }
                return items;
            case JsonTokenType.String:
                return reader.GetString();
            case JsonTokenType.Number:
                return reader.TryGetInt64(out var whole) ? whole : reader.GetDouble();
            case JsonTokenType.True:
                return true;
            case JsonTokenType.False:
                return false;
            default:
                return null;
        }
    }

    private static Dictionary<string, object?> Object(JsonElement element)
    {
        var fields = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            fields[property.Name] = ToObject(property.Value);
        }
        return fields;
    }

    /// <summary>
    /// The reference texts in a field: a string gives one, a list of strings gives each, and a list
    /// of objects with a <c>text</c> field (SQuAD's answers) gives their texts.
    /// </summary>
    public static IReadOnlyList<string>? References(object? value) => value switch
    {
        null => null,
        string text => [text],
        IEnumerable<object?> items => [.. items.Select(item => item switch
        {
            IReadOnlyDictionary<string, object?> map when map.TryGetValue("text", out var text) => Convert.ToString(text, CultureInfo.InvariantCulture) ?? "",
            Dictionary<string, object?> map when map.TryGetValue("text", out var text) => Convert.ToString(text, CultureInfo.InvariantCulture) ?? "",
            _ => Convert.ToString(item, CultureInfo.InvariantCulture) ?? "",
        })],
        _ => [Convert.ToString(value, CultureInfo.InvariantCulture) ?? ""],
    };
}
