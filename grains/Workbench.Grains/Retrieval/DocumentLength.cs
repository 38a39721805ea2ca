using System.Numerics;

namespace Workbench.Grains.Retrieval;

/// <summary>
/// Lucene 8's one-byte encoding of a field's length (SmallFloat.intToByte4): lengths below 24 are
/// exact; longer ones keep four significant bits, rounded down, so ordering is preserved.
/// </summary>
public static class DocumentLength
{
    private const int ExactBelow = 24;

    /// <summary>The byte that stands for <paramref name="length"/>.</summary>
    public static byte Encode(int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        return length < ExactBelow ? (byte)length : (byte)(ExactBelow + ToInt4(length - ExactBelow));
    }

    /// <summary>The length that <paramref name="encoded"/> stands for.</summary>
    public static int Decode(byte encoded) => encoded < ExactBelow ? encoded : ExactBelow + (int)FromInt4(encoded - ExactBelow);

    private static int ToInt4(long value)
    {
        var bits = 64 - BitOperations.LeadingZeroCount((ulong)value);
        if (bits < 4)
        {
            return (int)value;
        }
        var shift = bits - 4;
        // Keep the three bits after the leading one, which is implicit, and the shift, plus one (0 marks the exact values).
        return ((int)(value >> shift) & 0x07) | ((shift + 1) << 3);
    }

    private static long FromInt4(int value)
    {
        long bits = value & 0x07;
        var shift = (value >> 3) - 1;
        return shift == -1 ? bits : (bits | 0x08) << shift;
    }
}
