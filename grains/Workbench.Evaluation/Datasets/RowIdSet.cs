using System.Text;

namespace Workbench.Evaluation.Datasets;

/// <summary>
/// The row ids a dataset has shown so far, to find one that appears twice. A dataset of millions of
/// rows is read as a stream, but this set must hold every id; it keeps them as UTF-8 bytes in large
/// chunks with a flat open-addressing index, about a third of what a set of strings takes.
/// </summary>
public sealed class RowIdSet
{
    private const int ChunkBits = 20;
    private const int ChunkBytes = 1 << ChunkBits;

    private readonly List<byte[]> _chunks = [];
    private int _chunkUsed = ChunkBytes;

    // Per slot: the id's hash, and where its bytes are (chunk and offset in one number, and length); Length -1 marks an empty slot.
    private Slot[] _slots = NewSlots(1 << 10);
    private int _count;

    /// <summary>The number of ids held.</summary>
    public int Count => _count;

    /// <summary>Adds <paramref name="id"/>; false when the set already holds it.</summary>
    public bool Add(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        var length = Encoding.UTF8.GetByteCount(id);
        var rented = length <= 512 ? null : new byte[length];
        Span<byte> utf8 = rented ?? stackalloc byte[512];
        utf8 = utf8[..Encoding.UTF8.GetBytes(id, utf8)];
        var hash = Hash(utf8);

        if (4 * (_count + 1) > 3 * _slots.Length)
        {
            Grow();
        }
        var mask = _slots.Length - 1;
        for (var index = hash & mask; ; index = (index + 1) & mask)
        {
            ref var slot = ref _slots[index];
            if (slot.Length < 0)
            {
                slot = Store(utf8, hash);
                _count++;
                return true;
            }
            if (slot.Hash == hash && slot.Length == utf8.Length && _chunks[slot.Location >> ChunkBits].AsSpan(slot.Location & (ChunkBytes - 1), slot.Length).SequenceEqual(utf8))
            {
                return false;
            }
        }
    }

    private Slot Store(ReadOnlySpan<byte> utf8, int hash)
    {
        // A full chunk takes nothing more, not even an empty id: its offset would spill into the chunk number.
        if (_chunks.Count == 0 || _chunkUsed >= ChunkBytes || _chunkUsed + utf8.Length > ChunkBytes)
        {
            if (_chunks.Count >= int.MaxValue >> ChunkBits)
            {
                throw new InvalidOperationException("the dataset's row ids take more than 2 GB; give the rows shorter ids.");
            }
            _chunks.Add(new byte[Math.Max(ChunkBytes, utf8.Length)]);
            _chunkUsed = 0;
        }
        var chunk = _chunks.Count - 1;
        utf8.CopyTo(_chunks[chunk].AsSpan(_chunkUsed));
        var slot = new Slot { Hash = hash, Location = (chunk << ChunkBits) | _chunkUsed, Length = utf8.Length };
        _chunkUsed += utf8.Length;
        return slot;
    }

    private void Grow()
    {
        var old = _slots;
        _slots = NewSlots(2 * old.Length);
        var mask = _slots.Length - 1;
        foreach (var slot in old)
        {
            if (slot.Length < 0)
            {
                continue;
            }
            var index = slot.Hash & mask;
            while (_slots[index].Length >= 0)
            {
                index = (index + 1) & mask;
            }
            _slots[index] = slot;
        }
    }

    private static Slot[] NewSlots(int size)
    {
        var slots = new Slot[size];
        slots.AsSpan().Fill(new Slot { Length = -1 });
        return slots;
    }

    /// <summary>FNV-1a, finished with a mix so that the low bits, which pick the slot, depend on every byte.</summary>
    private static int Hash(ReadOnlySpan<byte> utf8)
    {
        var hash = 2166136261u;
        foreach (var b in utf8)
        {
            hash = (hash ^ b) * 16777619u;
        }
        hash ^= hash >> 15;
        hash *= 0x2C1B3C6Du;
        hash ^= hash >> 12;
        return (int)(hash & int.MaxValue);
    }

    private struct Slot
    {
        public int Hash;
        public int Location;
        public int Length;
    }
}
