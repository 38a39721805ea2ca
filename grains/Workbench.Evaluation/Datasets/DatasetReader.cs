using System.Globalization;
using System.Text;
using System.Runtime.CompilerServices;
using System.Text.Json;
using CsvHelper;
using CsvHelper.Configuration;
using Workbench.Evaluation.Specs;

namespace Workbench.Evaluation.Datasets;

/// <summary>
/// Streams the rows of a JSONL or CSV dataset, one at a time, so a dataset of any size is never
/// loaded whole. A malformed row is a <see cref="SpecException"/> naming file, line and field.
/// </summary>
public static class DatasetReader
{
    /// <summary>Reads the rows of <paramref name="dataset"/>, reporting each bad row to <paramref name="onBadRow"/> instead of failing when one is given.</summary>
    public static async IAsyncEnumerable<DatasetRow> ReadAsync(
        DatasetSpec dataset, Action<SpecError>? onBadRow, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        TextReader text;
        try
        {
            // Large reads: each refill of the buffer is an asynchronous file read, which on Linux is a thread-pool hop.
            text = new StreamReader(dataset.Path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true,
                new FileStreamOptions { Mode = FileMode.Open, Access = FileAccess.Read, Share = FileShare.Read, BufferSize = 1 << 16 });
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new SpecException(new SpecError(dataset.DisplayPath, 0, 0, $"cannot read the dataset: {exception.Message}"));
        }
        using (text)
        {
            var rows = dataset.Format == DatasetFormat.Csv
                ? ReadCsvAsync(text, dataset, onBadRow, cancellationToken)
                : ReadJsonlAsync(text, dataset, onBadRow, cancellationToken);
            long count = 0;
            var seen = new RowIdSet();
            await foreach (var row in rows.ConfigureAwait(false))
            {
                if (!seen.Add(row.Id))
                {
                    var error = new SpecError(dataset.DisplayPath, row.Line, 0,
                        $"row id `{row.Id}` (field `{dataset.IdField}`) appears twice; ids name rows in results and resumes, so they must be unique.");
                    if (onBadRow is null)
                    {
                        throw new SpecException(error);
                    }
                    onBadRow(error);
                    continue;
                }
                yield return row;
                if (dataset.Limit is { } limit && ++count >= limit)
                {
                    yield break;
                }
            }
        }
    }

    private static async IAsyncEnumerable<DatasetRow> ReadJsonlAsync(
        TextReader text, DatasetSpec dataset, Action<SpecError>? onBadRow, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        long line = 0;
        while (await text.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } content)
        {
            line++;
            if (string.IsNullOrWhiteSpace(content))
            {
                continue;
            }
            DatasetRow? row = null;
            SpecError? error = null;
            try
            {
                if (JsonFields.Parse(content) is Dictionary<string, object?> fields)
                {
                    row = new DatasetRow(IdOf(fields, dataset.IdField, line), line, fields, content);
                }
                else
                {
                    error = new SpecError(dataset.DisplayPath, line, 0, $"each line must be a JSON object such as {{\"id\": \"q1\", \"question\": \"...\"}}; found a {JsonFields.KindOf(JsonFields.Parse(content))}.");
                }
            }
            catch (JsonException exception)
            {
                error = new SpecError(dataset.DisplayPath, line, (int)(exception.BytePositionInLine ?? 0) + 1, $"this line is not valid JSON: {exception.Message.Split(" Path:")[0]}");
            }
            if (error is not null)
            {
                if (onBadRow is null)
                {
                    throw new SpecException(error);
                }
                onBadRow(error);
                continue;
            }
            yield return row!;
        }
    }

    private static async IAsyncEnumerable<DatasetRow> ReadCsvAsync(
        TextReader text, DatasetSpec dataset, Action<SpecError>? onBadRow, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        string? badField = null;
        var configuration = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            BadDataFound = args => badField = args.Field,
            DetectColumnCountChanges = false,
        };
        using var csv = new CsvParser(text, configuration);
        if (!await csv.ReadAsync().ConfigureAwait(false))
        {
            yield break;
        }
        var header = csv.Record ?? [];
        var duplicate = header.GroupBy(f => f).FirstOrDefault(g => g.Count() > 1)?.Key;
        if (duplicate is not null)
        {
            throw new SpecException(new SpecError(dataset.DisplayPath, 1, 0, $"the header names `{duplicate}` twice; each column needs its own name."));
        }
        while (await csv.ReadAsync().ConfigureAwait(false))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var record = csv.Record ?? [];
            long line = csv.RawRow;
            if (record.Length == 1 && record[0].Length == 0)
            {
                continue;
            }
            if (badField is not null || record.Length != header.Length)
            {
                var error = new SpecError(dataset.DisplayPath, line, 0, badField is not null
                    ? $"a field has a stray quote: `{badField.Trim()}`. Quote the whole field and double any quote inside it (\"\")."
                    : $"this row has {record.Length} fields but the header has {header.Length} ({string.Join(", ", header)}); quote fields that contain commas.");
                badField = null;
                if (onBadRow is null)
                {
                    throw new SpecException(error);
                }
                onBadRow(error);
                continue;
            }
            var fields = new Dictionary<string, object?>(header.Length, StringComparer.Ordinal);
            for (var i = 0; i < header.Length; i++)
            {
                fields[header[i]] = record[i];
            }
            yield return new DatasetRow(IdOf(fields, dataset.IdField, line), line, fields);
        }
    }

    private static string IdOf(Dictionary<string, object?> fields, string idField, long line) =>
        fields.TryGetValue(idField, out var id) && id is not null
            ? Convert.ToString(id, CultureInfo.InvariantCulture)!
            : line.ToString(CultureInfo.InvariantCulture);
}
