using System.Globalization;

namespace Workbench.Grains.Runs;

/// <summary>
/// Who holds a claim on a work item: a shard in one of its epochs, written <c>SHARD#EPOCH</c>. The
/// store compares owners as text and finds a shard's claims by the prefix <c>SHARD#</c>.
/// </summary>
public static class ShardOwner
{
    /// <summary>The owner that shard <paramref name="shard"/> claims as in <paramref name="epoch"/>.</summary>
    public static string Of(string shard, long epoch) => string.Create(CultureInfo.InvariantCulture, $"{shard}#{epoch}");

    /// <summary>The prefix every owner of <paramref name="shard"/> starts with.</summary>
    public static string PrefixOf(string shard) => shard + "#";

    /// <summary>The shard of <paramref name="owner"/>; the whole text when it names none.</summary>
    public static string ShardOf(string owner)
    {
        var hash = owner.LastIndexOf('#');
        return hash < 0 ? owner : owner[..hash];
    }
}
