using System.Buffers;
using System.Text;

namespace Workbench.Evaluation.Metrics;

/// <summary>
/// Exact match and token F1 between a predicted answer and its reference answers, as the official
/// SQuAD evaluation script (<c>evaluate-v2.0.py</c>, Rajpurkar et al. 2016, 2018) computes them.
/// </summary>
/// <remarks>
/// Scores are taken as the best over the references. References that normalize to nothing are set
/// aside, and a question left with no reference is a no-answer question: only a prediction that also
/// normalizes to nothing scores 1. For answerable questions and non-empty predictions this agrees with
/// the older <c>evaluate-v1.1.py</c>.
/// </remarks>
public static class SquadAnswer
{
    // Python's string.punctuation: ASCII only, so curly quotes and dashes survive normalization.
    private static readonly SearchValues<char> AsciiPunctuation = SearchValues.Create("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~");

    private static readonly string[] Articles = ["a", "an", "the"];

    private static readonly string[] NoAnswer = [""];

    /// <summary>
    /// Lower-cases <paramref name="text"/>, removes ASCII punctuation, removes the articles
    /// <c>a</c>, <c>an</c> and <c>the</c> as whole words, and collapses whitespace to single spaces.
    /// </summary>
    /// <param name="text">An answer, predicted or reference.</param>
    /// <returns>The normalized answer, with no leading or trailing space.</returns>
    public static string Normalize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (System.Text.Ascii.IsValid(text))
        {
            return NormalizeAscii(text);
        }
        var lowered = PythonTextRules.Lower(text);
        var withoutPunctuation = RemovePunctuation(lowered);
        var withoutArticles = RemoveArticles(withoutPunctuation);
        return string.Join(' ', Tokens(withoutArticles));
    }

    /// <summary>
    /// <see cref="Normalize"/> for ASCII text, where Python's rules are the plain ASCII ones: the same
    /// four steps in two passes over one buffer, with a single allocation for the result.
    /// </summary>
    private static string NormalizeAscii(string text)
    {
        char[]? rented = null;
        var buffer = text.Length <= 512 ? stackalloc char[512] : (rented = ArrayPool<char>.Shared.Rent(text.Length));
        try
        {
            return new string(buffer[..NormalizeAscii(text, buffer)]);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<char>.Shared.Return(rented);
            }
        }
    }

    /// <summary>Normalizes ASCII <paramref name="text"/> into <paramref name="into"/>, at least as long, and returns the length.</summary>
    private static int NormalizeAscii(ReadOnlySpan<char> text, Span<char> into)
    {
        // Lower-case and drop punctuation; articles are found in what is left, as the script finds them.
        var length = 0;
        foreach (var c in text)
        {
            if (!AsciiPunctuation.Contains(c))
            {
                into[length++] = char.ToLowerInvariant(c);
            }
        }
        var kept = into[..length];

        // Then drop whole-word articles and collapse whitespace, writing over the same buffer: the write
        // position never passes the read position.
        var written = 0;
        var pendingSpace = false;
        var index = 0;
        while (index < kept.Length)
        {
            var c = kept[index];
            if (c is ' ' or '\t' or '\n' or '\v' or '\f' or '\r' or (>= '\u001C' and <= '\u001F'))
            {
                pendingSpace = written > 0;
                index++;
                continue;
            }
            if ((index == 0 || !IsAsciiWordCharacter(kept[index - 1])) && AsciiArticleLength(kept[index..]) is var article and > 0)
            {
                pendingSpace = written > 0;
                index += article;
                continue;
            }
            if (pendingSpace)
            {
                kept[written++] = ' ';
                pendingSpace = false;
            }
            kept[written++] = c;
            index++;
        }
        return written;
    }

    private static bool IsAsciiWordCharacter(char c) => char.IsAsciiLetterOrDigit(c) || c == '_';

    /// <summary>The length of the article <paramref name="text"/> starts with as a whole word, or 0.</summary>
    private static int AsciiArticleLength(ReadOnlySpan<char> text)
    {
        foreach (var article in Articles)
        {
            if (text.StartsWith(article, StringComparison.Ordinal) && (text.Length == article.Length || !IsAsciiWordCharacter(text[article.Length])))
            {
                return article.Length;
            }
        }
        return 0;
    }

    /// <summary>1 when the normalized prediction equals some normalized reference, otherwise 0.</summary>
    /// <param name="prediction">The predicted answer; empty for "no answer".</param>
    /// <param name="references">The reference answers; none (or only empty ones) for a no-answer question.</param>
    public static double ExactMatch(string prediction, IReadOnlyList<string> references)
    {
        ArgumentNullException.ThrowIfNull(prediction);
        ArgumentNullException.ThrowIfNull(references);
        var normalizedPrediction = Normalize(prediction);
        Span<char> buffer = stackalloc char[256];
        var scored = false;
        foreach (var reference in references)
        {
            ArgumentNullException.ThrowIfNull(reference, nameof(references));
            // Short ASCII references (nearly all of them) are normalized on the stack, not as strings.
            var normalized = reference.Length <= buffer.Length && System.Text.Ascii.IsValid(reference)
                ? buffer[..NormalizeAscii(reference, buffer)]
                : Normalize(reference).AsSpan();
            if (normalized.Length == 0)
            {
                continue;
            }
            scored = true;
            if (normalized.SequenceEqual(normalizedPrediction))
            {
                return 1.0;
            }
        }

        // With no reference left, the question has no answer: only an empty prediction matches.
        return !scored && normalizedPrediction.Length == 0 ? 1.0 : 0.0;
    }

    /// <summary>
    /// The best token F1 between the prediction and a reference: the harmonic mean of precision and
    /// recall of the tokens they share, counting a repeated token as often as both sides contain it.
    /// </summary>
    /// <param name="prediction">The predicted answer; empty for "no answer".</param>
    /// <param name="references">The reference answers; none (or only empty ones) for a no-answer question.</param>
    public static double F1(string prediction, IReadOnlyList<string> references)
    {
        ArgumentNullException.ThrowIfNull(prediction);
        var predictionTokens = Tokens(Normalize(prediction));
        var best = 0.0;
        foreach (var reference in ScoredReferences(references))
        {
            best = Math.Max(best, TokenF1(predictionTokens, Tokens(reference)));
        }

        return best;
    }

    private static IReadOnlyList<string> ScoredReferences(IReadOnlyList<string> references)
    {
        ArgumentNullException.ThrowIfNull(references);
        var scored = new List<string>(references.Count);
        foreach (var reference in references)
        {
            ArgumentNullException.ThrowIfNull(reference, nameof(references));
            var normalized = Normalize(reference);
            if (normalized.Length > 0)
            {
                scored.Add(normalized);
            }
        }

        return scored.Count > 0 ? scored : NoAnswer;
    }

    private static double TokenF1(List<string> prediction, List<string> reference)
    {
        if (prediction.Count == 0 || reference.Count == 0)
        {
            // The no-answer rule of evaluate-v2.0.py: agreeing that there is no answer is a full match.
            return prediction.Count == reference.Count ? 1.0 : 0.0;
        }

        var referenceCounts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var token in reference)
        {
            referenceCounts[token] = referenceCounts.GetValueOrDefault(token) + 1;
        }

        var shared = 0;
        foreach (var token in prediction)
        {
            if (referenceCounts.TryGetValue(token, out var remaining) && remaining > 0)
            {
                referenceCounts[token] = remaining - 1;
                shared++;
            }
        }

        if (shared == 0)
        {
            return 0.0;
        }

        // The same operations in the same order as the script, so that sums over a data set match it to the bit.
        var precision = 1.0 * shared / prediction.Count;
        var recall = 1.0 * shared / reference.Count;
        return 2 * precision * recall / (precision + recall);
    }

    private static string RemovePunctuation(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (!AsciiPunctuation.Contains(c))
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    private static string RemoveArticles(string text)
    {
        // re.sub(r'\b(a|an|the)\b', ' ', text) with Python's notion of a word character.
        var builder = new StringBuilder(text.Length);
        var index = 0;
        while (index < text.Length)
        {
            var article = ArticleAt(text, index);
            if (article > 0)
            {
                builder.Append(' ');
                index += article;
            }
            else
            {
                builder.Append(text[index]);
                index++;
            }
        }

        return builder.ToString();
    }

    private static int ArticleAt(string text, int index)
    {
        if (PythonTextRules.IsWordCharacterBefore(text, index))
        {
            return 0;
        }

        foreach (var article in Articles)
        {
            if (index + article.Length <= text.Length
                && string.CompareOrdinal(text, index, article, 0, article.Length) == 0
                && !PythonTextRules.IsWordCharacterAt(text, index + article.Length))
            {
                return article.Length;
            }
        }

        return 0;
    }

    private static List<string> Tokens(string text)
    {
        var tokens = new List<string>();
        var start = -1;
        for (var i = 0; i < text.Length; i++)
        {
            if (PythonTextRules.IsSpace(text[i]))
            {
                if (start >= 0)
                {
                    tokens.Add(text[start..i]);
                    start = -1;
                }
            }
            else if (start < 0)
            {
                start = i;
            }
        }

        if (start >= 0)
        {
            tokens.Add(text[start..]);
        }

        return tokens;
    }
}
