namespace Workbench.Grains.Retrieval;

/// <summary>An index's persisted registry: its versions, without their documents.</summary>
[GenerateSerializer]
public sealed class RetrievalIndexState
{
    /// <summary>Every version, in the order registered.</summary>
    [Id(0)]
    public List<IndexVersion> Versions { get; set; } = [];
}
