using System.Runtime.InteropServices;

namespace Workbench.Evaluation.Metrics;

/// <summary>
/// Counts one segment's BLEU statistics against its references, reusing its n-gram tables from segment to
/// segment. Not thread-safe.
/// </summary>
internal sealed class BleuSegmentMatcher
{
    private readonly BleuOptions _options;
    private readonly Func<string, TokenSequence> _tokenize;
    private readonly Dictionary<NgramKey, int> _referenceCounts = [];
    private readonly Dictionary<NgramKey, int> _oneReference = [];
    private readonly Dictionary<NgramKey, int> _hypothesisCounts = [];
    private readonly List<int> _referenceLengths = [];

    /// <summary>Creates a matcher for validated <paramref name="options"/>.</summary>
    public BleuSegmentMatcher(BleuOptions options)
    {
        _options = options;
        _tokenize = BleuTokenizer.Resolve(options.Tokenize);
    }

    /// <summary>
    /// Adds the statistics of <paramref name="hypothesis"/> against <paramref name="references"/> to
    /// <paramref name="into"/>. Empty and null references are skipped, as sacrebleu skips them, so segments
    /// may have different numbers of references.
    /// </summary>
    /// <exception cref="ArgumentException">Every reference is empty or null.</exception>
    public void Match(string hypothesis, IReadOnlyList<string> references, BleuStatistics into)
    {
        ArgumentNullException.ThrowIfNull(hypothesis);
        ArgumentNullException.ThrowIfNull(references);

        _referenceCounts.Clear();
        _referenceLengths.Clear();
        foreach (var reference in references)
        {
            if (string.IsNullOrEmpty(reference))
            {
                continue;
            }

            var tokens = Preprocess(reference);
            _referenceLengths.Add(tokens.Count);
            if (_referenceLengths.Count == 1)
            {
                Count(tokens, _referenceCounts);
                continue;
            }

            // With several references an n-gram may match as often as it occurs in the reference that has it most.
            _oneReference.Clear();
            Count(tokens, _oneReference);
            foreach (var (ngram, count) in _oneReference)
            {
                ref var most = ref CollectionsMarshal.GetValueRefOrAddDefault(_referenceCounts, ngram, out _);
                most = Math.Max(most, count);
            }
        }

        if (_referenceLengths.Count == 0)
        {
            throw new ArgumentException(
                "Every reference of this segment is empty; give at least one non-empty reference (sacrebleu rejects such a segment too).",
                nameof(references));
        }

        var hypothesisTokens = Preprocess(hypothesis);
        _hypothesisCounts.Clear();
        Count(hypothesisTokens, _hypothesisCounts);

        var matches = into.Matches;
        var totals = into.Totals;
        foreach (var (ngram, count) in _hypothesisCounts)
        {
            totals[ngram.Order - 1] += count;
            if (_referenceCounts.TryGetValue(ngram, out var referenceCount))
            {
                matches[ngram.Order - 1] += Math.Min(count, referenceCount);
            }
        }

        into.HypothesisLength += hypothesisTokens.Count;
        into.ReferenceLength += ClosestReferenceLength(hypothesisTokens.Count, _referenceLengths);

        // Drop the references to this segment's strings so the tables keep no text alive between segments.
        _referenceCounts.Clear();
        _oneReference.Clear();
        _hypothesisCounts.Clear();
    }

    /// <summary>
    /// The reference length closest to the hypothesis length, the shorter one on a tie, as sacrebleu and
    /// mteval-v13a choose it.
    /// </summary>
    public static int ClosestReferenceLength(int hypothesisLength, IReadOnlyList<int> referenceLengths)
    {
        var closest = referenceLengths[0];
        for (var i = 1; i < referenceLengths.Count; i++)
        {
            var length = referenceLengths[i];
            var difference = Math.Abs(hypothesisLength - length);
            var best = Math.Abs(hypothesisLength - closest);
            if (difference < best || (difference == best && length < closest))
            {
                closest = length;
            }
        }

        return closest;
    }

    private TokenSequence Preprocess(string segment)
    {
        if (_options.Lowercase)
        {
            segment = SacrebleuText.Lower(segment);
        }

        return _tokenize(SacrebleuText.TrimEnd(segment));
    }

    private void Count(TokenSequence tokens, Dictionary<NgramKey, int> counts)
    {
        var maxOrder = _options.MaxNgramOrder;
        var hashes = tokens.TokenHashes();
        for (var first = 0; first < hashes.Length; first++)
        {
            // The hash of the n-gram of each order that starts here, mixed from its tokens' hashes one token at a time.
            var mixed = 0x9E3779B97F4A7C15ul;
            for (var order = 1; order <= maxOrder && first + order <= hashes.Length; order++)
            {
                mixed = (mixed ^ (uint)hashes[first + order - 1]) * 0xBF58476D1CE4E5B9ul;
                CollectionsMarshal.GetValueRefOrAddDefault(counts, tokens.Ngram(first, order, (int)(mixed ^ (mixed >> 31))), out _)++;
            }
        }
    }
}
