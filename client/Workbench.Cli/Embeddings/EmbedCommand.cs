using System.CommandLine;
using System.Text.Json;
using Workbench.Grains.Embeddings;

namespace Workbench.Cli.Embeddings;

/// <summary>
/// <c>workbench embed --model minilm|arctic-xs [--field text] [--input FILE] &lt; texts.jsonl</c>: embeds
/// texts with a sentence-embedding model that ships with Workbench. Each input line is a JSON string or
/// an object with the text in <c>--field</c> (an <c>id</c> is carried over); each output line is
/// <c>{"line": N, "id": ..., "embedding": [...]}</c>, L2-normalised, in input order.
/// </summary>
internal static class EmbedCommand
{
    private const int LinesPerBatch = 256;

    public static Command Create()
    {
        var model = new Option<string>("--model") { Description = "minilm (all-MiniLM-L6-v2) or arctic-xs (snowflake-arctic-embed-xs).", DefaultValueFactory = _ => "minilm" };
        model.AcceptOnlyFromAmong([.. EmbeddingModels.Shared.Names]);
        var field = new Option<string>("--field") { Description = "The field holding the text when lines are JSON objects.", DefaultValueFactory = _ => "text" };
        var input = new Option<FileInfo?>("--input") { Description = "Read texts from this file instead of standard input." };
        var command = new Command("embed", "Embed texts (JSONL: strings, or objects with a text field) with a sentence-embedding model; one JSON line per text.") { model, field, input };
        command.SetAction((result, cancellationToken) => RunAsync(result.GetValue(model)!, result.GetValue(field)!, result.GetValue(input), cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(string model, string field, FileInfo? input, CancellationToken cancellationToken)
    {
        var source = input?.FullName ?? "stdin";
        if (input is { Exists: false })
        {
            await Console.Error.WriteLineAsync($"error: {input.FullName} does not exist.");
            return 2;
        }
        SentenceEmbeddingGenerator generator;
        try
        {
            generator = EmbeddingModels.Shared.Load(model);
        }
        catch (InvalidOperationException exception)
        {
            await Console.Error.WriteLineAsync($"error: {exception.Message}");
            return 2;
        }
        using var reader = input is null ? Console.In : new StreamReader(input.FullName);
        await using var output = Console.OpenStandardOutput();
        var batch = new List<(long Line, JsonElement? Id, string Text)>(LinesPerBatch);
        long line = 0, written = 0;
        while (true)
        {
            var text = await reader.ReadLineAsync(cancellationToken);
            if (text is not null)
            {
                line++;
                if (string.IsNullOrWhiteSpace(text))
                {
                    continue;
                }
                if (Parse(text, field) is not { } parsed)
                {
                    await Console.Error.WriteLineAsync(
                        $"error: {source}:{line}: each line must be a JSON string, or a JSON object with the text in `{field}` (choose the field with --field), for example {{\"id\": \"q1\", \"{field}\": \"What is BM25?\"}}.");
                    return 2;
                }
                batch.Add((line, parsed.Id, parsed.Text));
            }
            if (batch.Count == LinesPerBatch || (text is null && batch.Count > 0))
            {
                var embeddings = await generator.GenerateAsync(batch.Select(b => b.Text), cancellationToken: cancellationToken);
                for (var i = 0; i < batch.Count; i++)
                {
                    await using (var json = new Utf8JsonWriter(output))
                    {
                        json.WriteStartObject();
                        json.WriteNumber("line", batch[i].Line);
                        if (batch[i].Id is { } id)
                        {
                            json.WritePropertyName("id");
                            id.WriteTo(json);
                        }
                        json.WriteStartArray("embedding");
                        foreach (var value in embeddings[i].Vector.Span)
                        {
                            json.WriteNumberValue(value);
                        }
                        json.WriteEndArray();
                        json.WriteEndObject();
                    }
                    output.WriteByte((byte)'\n');
                }
                written += batch.Count;
                batch.Clear();
                if (!Console.IsErrorRedirected)
                {
                    Console.Error.Write($"\rembedded {written:N0} texts");
                }
            }
            if (text is null)
            {
                break;
            }
        }
        if (!Console.IsErrorRedirected && written > 0)
        {
            await Console.Error.WriteLineAsync();
        }
        await output.FlushAsync(cancellationToken);
        return 0;
    }

    private static (JsonElement? Id, string Text)? Parse(string line, string field)
    {
        try
        {
            using var document = JsonDocument.Parse(line);
            var root = document.RootElement;
            return root.ValueKind switch
            {
                JsonValueKind.String => (null, root.GetString()!),
                JsonValueKind.Object when root.TryGetProperty(field, out var value) && value.ValueKind == JsonValueKind.String =>
                    (root.TryGetProperty("id", out var id) ? id.Clone() : null, value.GetString()!),
                _ => null,
            };
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
