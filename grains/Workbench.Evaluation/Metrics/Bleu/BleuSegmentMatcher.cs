namespace Workbench.Evaluation.Metrics;

/// <summary>
/// Counts one segment's BLEU statistics against its references, reusing its n-gram tables from segment to
/// segment. Not thread-safe.
/// </summary>
internal sealed class BleuSegmentMatcher
{
    private readonly BleuOptions _options;
    private readonly Func<string, TokenSequence> _tokenize;
    private readonly NgramTable _table = new();
    private readonly List<TokenSequence> _references = [];
    private readonly List<int> _referenceLengths = [];
    private int[] _hashes = new int[64];

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

        _references.Clear();
        _referenceLengths.Clear();
        var ngrams = 0;
        for (var i = 0; i < references.Count; i++)
        {
            var reference = references[i];
            // An empty reference is skipped, as sacrebleu skips it; a repeated one changes neither the
            // clipping counts nor the closest length, so it is counted once.
            if (string.IsNullOrEmpty(reference) || IsRepeat(references, i))
            {
                continue;
            }
            var tokens = Preprocess(reference);
            _references.Add(tokens);
            _referenceLengths.Add(tokens.Count);
            ngrams += tokens.Count * _options.MaxNgramOrder;
        }

        if (_referenceLengths.Count == 0)
        {
            throw new ArgumentException(
                "Every reference of this segment is empty; give at least one non-empty reference (sacrebleu rejects such a segment too).",
                nameof(references));
        }

        var hypothesisTokens = Preprocess(hypothesis);
        _table.Begin(ngrams + hypothesisTokens.Count * _options.MaxNgramOrder);
        foreach (var tokens in _references)
        {
            _table.AddReference(tokens, Hashes(tokens), _options.MaxNgramOrder);
        }
        _table.AddHypothesis(hypothesisTokens, Hashes(hypothesisTokens), _options.MaxNgramOrder);
        _table.Tally(into.Matches, into.Totals);

        into.HypothesisLength += hypothesisTokens.Count;
        into.ReferenceLength += ClosestReferenceLength(hypothesisTokens.Count, _referenceLengths);
        _references.Clear();
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

    private static bool IsRepeat(IReadOnlyList<string> references, int index)
    {
        for (var earlier = 0; earlier < index; earlier++)
        {
            if (string.Equals(references[earlier], references[index], StringComparison.Ordinal))
            {
                return true;
            }
        }
        return false;
    }

    private ReadOnlySpan<int> Hashes(TokenSequence tokens)
    {
        if (_hashes.Length < tokens.Count)
        {
            _hashes = new int[Math.Max(tokens.Count, 2 * _hashes.Length)];
        }
        var hashes = _hashes.AsSpan(0, tokens.Count);
        tokens.TokenHashes(hashes);
        return hashes;
    }
}
