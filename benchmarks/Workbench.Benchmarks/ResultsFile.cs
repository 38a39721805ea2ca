using System.Text.Json;
using System.Text.Json.Nodes;

namespace Workbench.Benchmarks;

/// <summary><c>benchmarks/results/latest.json</c>: a flat <c>{"name": value}</c> object that each run merges its figures into.</summary>
internal static class ResultsFile
{
    public static async Task MergeAsync(string path, IEnumerable<Figure> figures, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var results = File.Exists(path)
            ? JsonNode.Parse(await File.ReadAllTextAsync(path, cancellationToken)) as JsonObject ?? []
            : [];
        foreach (var figure in figures)
        {
            results[figure.Name] = Math.Round(figure.Value, Math.Abs(figure.Value) < 1 ? 4 : 3);
        }
        var ordered = new JsonObject(results.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => KeyValuePair.Create(p.Key, p.Value?.DeepClone())));
        await File.WriteAllTextAsync(path, ordered.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n", cancellationToken);
    }
}
