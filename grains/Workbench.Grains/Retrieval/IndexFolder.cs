using System.Text.Json;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.En;
using Lucene.Net.Analysis.Standard;
using Lucene.Net.Util;

namespace Workbench.Grains.Retrieval;

/// <summary>
/// Where index versions live on this machine: <c>ROOT/NAME/VERSION/</c> holds the Lucene index
/// (<c>lucene/</c>), the documents as indexed (<c>documents.jsonl</c>), their embeddings when the
/// version is dense (<c>dense.f32</c>) and its description (<c>version.json</c>); <c>ROOT/NAME/current</c>
/// names the version that searches use.
/// </summary>
/// <param name="root">The folder of all indexes, <c>.workbench/indexes</c> by default.</param>
public sealed class IndexFolder(string root)
{
    /// <summary>The Lucene version whose analysis rules indexes use.</summary>
    public const LuceneVersion Lucene = LuceneVersion.LUCENE_48;

    /// <summary>The folder of all indexes.</summary>
    public string Root { get; } = Path.GetFullPath(root);

    /// <summary>The folder of one version.</summary>
    public string PathOf(string name, string version) => Path.Combine(Root, name, version);

    /// <summary>The version that searches of <paramref name="name"/> use, or null when the index has none.</summary>
    public IndexVersion? Current(string name)
    {
        var pointer = Path.Combine(Root, name, "current");
        if (!File.Exists(pointer))
        {
            return null;
        }
        var description = Path.Combine(PathOf(name, File.ReadAllText(pointer).Trim()), "version.json");
        return File.Exists(description) ? JsonSerializer.Deserialize<IndexVersion>(File.ReadAllText(description)) : null;
    }

    /// <summary>Makes <paramref name="version"/> the one searches use.</summary>
    public void MakeCurrent(IndexVersion version)
    {
        var pointer = Path.Combine(Root, version.Name, "current");
        File.WriteAllText(pointer + ".tmp", version.Version);
        File.Move(pointer + ".tmp", pointer, overwrite: true);
    }

    /// <summary>The analyzer that <paramref name="settings"/> name.</summary>
    public static Analyzer AnalyzerOf(IndexSettings settings) => settings.Analyzer switch
    {
        "standard" => new StandardAnalyzer(Lucene),
        _ => new EnglishAnalyzer(Lucene),
    };
}
