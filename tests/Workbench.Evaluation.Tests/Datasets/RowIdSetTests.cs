using System.Globalization;
using Workbench.Evaluation.Datasets;

namespace Workbench.Evaluation.Tests.Datasets;

public sealed class RowIdSetTests
{
    [Fact]
    public void Each_id_is_new_once_among_many_and_a_repeat_is_found_after_the_set_has_grown()
    {
        var set = new RowIdSet();
        for (var i = 0; i < 300_000; i++)
        {
            Assert.True(set.Add(i.ToString(CultureInfo.InvariantCulture)));
        }

        Assert.Equal(300_000, set.Count);
        Assert.False(set.Add("0"));
        Assert.False(set.Add("299999"));
        Assert.True(set.Add("300000"));
        Assert.True(set.Add("0 "));
    }

    [Fact]
    public void An_empty_id_after_a_chunk_has_filled_up_exactly_is_held_like_any_other()
    {
        // 2^20 bytes of ids (16,384 ids of 64 bytes) fill the first chunk to the last byte.
        var set = new RowIdSet();
        for (var i = 0; i < 16_384; i++)
        {
            Assert.True(set.Add(i.ToString("D64", CultureInfo.InvariantCulture)));
        }

        Assert.True(set.Add(""));
        Assert.False(set.Add(""));
        Assert.True(set.Add("after"));
        Assert.False(set.Add(""));
        Assert.False(set.Add("after"));
        Assert.False(set.Add(16_383.ToString("D64", CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void Ids_compare_by_their_exact_text()
    {
        var set = new RowIdSet();
        string[] ids = ["", "q1", "Q1", "q1\u0301", "q\u00e91", "qe\u03011", "日本語", new string('x', 600), new string('x', 601), new string('y', (1 << 20) + 5)];

        Assert.All(ids, id => Assert.True(set.Add(id), $"`{id[..Math.Min(id.Length, 8)]}` was taken for a repeat"));
        Assert.All(ids, id => Assert.False(set.Add(new string(id.AsSpan()))));
        Assert.Equal(ids.Length, set.Count);
    }
}
