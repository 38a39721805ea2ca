namespace Workbench.Evaluation.Metrics;

/// <summary>
/// The n-gram counts of one BLEU segment in one open-addressing table: for each distinct n-gram, the
/// most times any single reference has it and the times the hypothesis has it. Its arrays are kept
/// from segment to segment, and a segment stamp stands in for clearing them. Not thread-safe.
/// </summary>
internal sealed class NgramTable
{
    private Slot[] _slots = new Slot[256];
    private int[] _used = new int[128];
    private int _count;
    private int _segment;
    private int _reference;
    private TokenSequence[] _sources = new TokenSequence[8];

    /// <summary>Starts a segment that will hold about <paramref name="ngrams"/> n-gram occurrences in all.</summary>
    public void Begin(int ngrams)
    {
        _count = 0;
        _reference = 0;
        if (++_segment == int.MaxValue)
        {
            // Stamps wrapped: clear once so no slot looks current.
            Array.Clear(_slots);
            _segment = 1;
        }
        var size = _slots.Length;
        while (size < 2 * ngrams)
        {
            size *= 2;
        }
        if (size != _slots.Length)
        {
            _slots = new Slot[size];
        }
        if (_used.Length < ngrams)
        {
            _used = new int[Math.Max(ngrams, 2 * _used.Length)];
        }
    }

    /// <summary>Counts the n-grams of one reference of the segment.</summary>
    public void AddReference(TokenSequence tokens, ReadOnlySpan<int> tokenHashes, int maxOrder)
    {
        var source = Source(tokens);
        _reference++;
        Count(tokens, source, tokenHashes, maxOrder, hypothesis: false);
    }

    /// <summary>Counts the n-grams of the hypothesis, after every reference.</summary>
    public void AddHypothesis(TokenSequence tokens, ReadOnlySpan<int> tokenHashes, int maxOrder) =>
        Count(tokens, Source(tokens), tokenHashes, maxOrder, hypothesis: true);

    /// <summary>Adds the hypothesis's n-gram totals and clipped matches, by order, to <paramref name="matches"/> and <paramref name="totals"/>.</summary>
    public void Tally(Span<long> matches, Span<long> totals)
    {
        for (var i = 0; i < _count; i++)
        {
            ref var slot = ref _slots[_used[i]];
            if (slot.InHypothesis > 0)
            {
                totals[slot.Order - 1] += slot.InHypothesis;
                matches[slot.Order - 1] += Math.Min(slot.InHypothesis, slot.MostInReference);
            }
        }
        // Let go of this segment's strings.
        Array.Clear(_sources);
    }

    private int Source(TokenSequence tokens)
    {
        for (var i = 0; i < _sources.Length; i++)
        {
            if (_sources[i] is null)
            {
                _sources[i] = tokens;
                return i;
            }
        }
        var index = _sources.Length;
        Array.Resize(ref _sources, 2 * index);
        _sources[index] = tokens;
        return index;
    }

    private void Count(TokenSequence tokens, int source, ReadOnlySpan<int> tokenHashes, int maxOrder, bool hypothesis)
    {
        var mask = _slots.Length - 1;
        for (var first = 0; first < tokenHashes.Length; first++)
        {
            // The hash of the n-gram of each order that starts here, mixed from its tokens' hashes one token at a time.
            var mixed = 0x9E3779B97F4A7C15ul;
            for (var order = 1; order <= maxOrder && first + order <= tokenHashes.Length; order++)
            {
                mixed = (mixed ^ (uint)tokenHashes[first + order - 1]) * 0xBF58476D1CE4E5B9ul;
                var hash = (int)(mixed ^ (mixed >> 31));
                var (start, length) = tokens.Slice(first, order);
                var index = hash & mask;
                while (true)
                {
                    ref var slot = ref _slots[index];
                    if (slot.Segment != _segment)
                    {
                        slot = new Slot
                        {
                            Segment = _segment, Hash = hash, Source = source, Start = start, Length = length, Order = order,
                            Reference = hypothesis ? 0 : _reference, InReference = hypothesis ? 0 : 1, MostInReference = hypothesis ? 0 : 1,
                            InHypothesis = hypothesis ? 1 : 0,
                        };
                        _used[_count++] = index;
                        break;
                    }
                    if (slot.Hash == hash && slot.Length == length
                        && tokens.Text.AsSpan(start, length).SequenceEqual(_sources[slot.Source].Text.AsSpan(slot.Start, slot.Length)))
                    {
                        if (hypothesis)
                        {
                            slot.InHypothesis++;
                        }
                        else
                        {
                            if (slot.Reference != _reference)
                            {
                                slot.Reference = _reference;
                                slot.InReference = 0;
                            }
                            slot.MostInReference = Math.Max(slot.MostInReference, ++slot.InReference);
                        }
                        break;
                    }
                    index = (index + 1) & mask;
                }
            }
        }
    }

    private struct Slot
    {
        public int Segment;
        public int Hash;
        public int Source;
        public int Start;
        public int Length;
        public int Order;
        public int Reference;
        public int InReference;
        public int MostInReference;
        public int InHypothesis;
    }
}
