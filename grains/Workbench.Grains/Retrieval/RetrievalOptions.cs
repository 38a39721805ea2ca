namespace Workbench.Grains.Retrieval;

/// <summary>Where a silo keeps the index versions it searches.</summary>
public sealed class RetrievalOptions
{
    /// <summary>The folder of indexes; <c>.workbench/indexes</c>, where <c>workbench index build</c> writes them, by default.</summary>
    public string IndexRoot { get; set; } = Path.Combine(".workbench", "indexes");
}
