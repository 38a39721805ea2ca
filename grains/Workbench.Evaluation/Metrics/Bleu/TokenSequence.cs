using System.Buffers;

namespace Workbench.Evaluation.Metrics;

/// <summary>
/// A segment split into tokens, stored as one string with the tokens joined by single spaces (the form
/// sacrebleu's tokenizers return), so that any run of consecutive tokens is a slice of <see cref="Text"/>.
/// </summary>
internal sealed class TokenSequence
{
    private readonly int[] _starts;

    private TokenSequence(string text, int[] starts)
    {
        Text = text;
        _starts = starts;
    }

    /// <summary>The tokens joined by single spaces.</summary>
    public string Text { get; }

    /// <summary>The number of tokens.</summary>
    public int Count => _starts.Length;

    /// <summary>The n-gram of <paramref name="order"/> tokens that starts at token <paramref name="first"/>.</summary>
    public NgramKey Ngram(int first, int order)
    {
        var (start, length) = Slice(first, order);
        return new NgramKey(Text, start, length, order);
    }

    /// <summary>Where in <see cref="Text"/> the n-gram of <paramref name="order"/> tokens that starts at token <paramref name="first"/> lies.</summary>
    public (int Start, int Length) Slice(int first, int order)
    {
        var start = _starts[first];
        var last = first + order - 1;
        var end = last + 1 < _starts.Length ? _starts[last + 1] - 1 : Text.Length;
        return (start, end - start);
    }

    /// <summary>
    /// Writes a hash of each token (FNV-1a over its characters) into <paramref name="hashes"/>. N-gram
    /// hashes are mixed from these, so each character is hashed once rather than once per n-gram order
    /// it takes part in.
    /// </summary>
    public void TokenHashes(Span<int> hashes)
    {
        for (var i = 0; i < _starts.Length; i++)
        {
            var hash = 2166136261u;
            foreach (var c in Token(i))
            {
                hash = (hash ^ c) * 16777619u;
            }
            hashes[i] = (int)hash;
        }
    }

    /// <summary>The token at <paramref name="index"/>.</summary>
    public ReadOnlySpan<char> Token(int index) => Ngram(index, 1).Span;

    /// <summary>Python's <c>text.split()</c>: the runs of non-whitespace characters.</summary>
    public static TokenSequence Split(ReadOnlySpan<char> text)
    {
        var count = 0;
        var characters = 0;
        var inToken = false;
        foreach (var c in text)
        {
            if (SacrebleuText.IsWhitespace(c))
            {
                inToken = false;
                continue;
            }

            if (!inToken)
            {
                count++;
                inToken = true;
            }

            characters++;
        }

        if (count == 0)
        {
            return new TokenSequence(string.Empty, []);
        }

        var starts = new int[count];
        var buffer = ArrayPool<char>.Shared.Rent(characters + count - 1);
        try
        {
            var written = 0;
            var token = 0;
            inToken = false;
            foreach (var c in text)
            {
                if (SacrebleuText.IsWhitespace(c))
                {
                    inToken = false;
                    continue;
                }

                if (!inToken)
                {
                    if (token > 0)
                    {
                        buffer[written++] = ' ';
                    }

                    starts[token++] = written;
                    inToken = true;
                }

                buffer[written++] = c;
            }

            return new TokenSequence(new string(buffer, 0, written), starts);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(buffer);
        }
    }
}
