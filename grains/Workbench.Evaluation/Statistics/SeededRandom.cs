namespace Workbench.Evaluation.Statistics;

/// <summary>
/// xoshiro256** (Blackman and Vigna 2018) seeded through SplitMix64: fast, and the same stream for the
/// same seed on every machine and runtime, which <see cref="Random"/>'s seeded constructor promises
/// only for its legacy generator. A struct, so that a bootstrap's inner loop calls it without dispatch.
/// </summary>
public struct SeededRandom
{
    private ulong _s0, _s1, _s2, _s3;

    public SeededRandom(ulong seed)
    {
        _s0 = SplitMix(ref seed);
        _s1 = SplitMix(ref seed);
        _s2 = SplitMix(ref seed);
        _s3 = SplitMix(ref seed);
    }

    /// <summary>The next 64 random bits.</summary>
    public ulong NextUInt64()
    {
        var result = BitRotate(_s1 * 5, 7) * 9;
        var t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = BitRotate(_s3, 45);
        return result;
    }

    /// <summary>A uniform index below <paramref name="count"/> (Lemire's multiply-shift; its bias is below 2⁻³² for counts under 2³²).</summary>
    public int NextIndex(int count) => (int)(((NextUInt64() >> 32) * (ulong)count) >> 32);

    private static ulong BitRotate(ulong x, int k) => (x << k) | (x >> (64 - k));

    private static ulong SplitMix(ref ulong state)
    {
        var z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
