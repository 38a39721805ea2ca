using Workbench.Evaluation.Metrics;

namespace Workbench.Evaluation.Tests.Metrics.Text;

// Expectations are derived by hand from normalize_answer, compute_exact and compute_f1 in the official
// evaluate-v2.0.py (rajpurkar/SQuAD-explorer) and from Python's documented string semantics.
public sealed class SquadAnswerTests
{
    [Theory]
    // lower -> "the denver broncos!"; punctuation -> "the denver broncos"; articles -> " denver broncos".
    [InlineData("The Denver Broncos!", "denver broncos")]
    // "theory" keeps its "the" (no word boundary after it); "A" and "an" go; whitespace collapses.
    [InlineData("  A  theory\tof an\nanswer ", "theory of answer")]
    // Periods are ASCII punctuation: "U.S.A." -> "usa".
    [InlineData("U.S.A.", "usa")]
    // string.punctuation is ASCII only, so the curly apostrophe (U+2019) and en dash (U+2013) stay.
    [InlineData("Denver\u2019s 1973\u20131974", "denver\u2019s 1973\u20131974")]
    // Punctuation goes before articles are removed: "the-an a." -> "thean a" -> "thean ".
    [InlineData("the-an a.", "thean")]
    // '_' is in string.punctuation, so "a_b" becomes the single word "ab", not the article "a".
    [InlineData("a_b", "ab")]
    // Articles are whole words only: "another", "theme", "an1" (digit is a word character) stay.
    [InlineData("another theme an1 a", "another theme an1")]
    [InlineData("", "")]
    [InlineData("The a an", "")]
    // ASCII text takes a faster path that must keep Python's whitespace: \v, \f and the separators U+001C..U+001F split words.
    [InlineData("x\u001Fy\vz\fthe\u001Cw", "x y z w")]
    public void Normalize_follows_the_official_steps(string text, string expected) =>
        Assert.Equal(expected, SquadAnswer.Normalize(text));

    [Fact]
    public void Normalize_lowercases_as_python_does()
    {
        // 'İ'.lower() is 'i' + U+0307 in Python (full case mapping, SpecialCasing.txt), not the plain 'i'.
        Assert.Equal("i\u0307stanbul", SquadAnswer.Normalize("\u0130stanbul"));

        // Python applies Unicode's Final_Sigma rule: a capital sigma ending a word becomes 'ς' (U+03C2),
        // one starting a word 'σ' (U+03C3). "ΟΔΟΣ ΣΑ" -> "οδος σα".
        Assert.Equal("\u03BF\u03B4\u03BF\u03C2 \u03C3\u03B1", SquadAnswer.Normalize("\u039F\u0394\u039F\u03A3 \u03A3\u0391"));
    }

    [Fact]
    public void Normalize_uses_python_word_boundaries()
    {
        // Python's \w is str.isalnum() plus '_'; a combining accent (U+0301, category Mn) is not alnum,
        // so "the" followed by it still ends at a word boundary and is removed: "the\u0301 end" -> " \u0301 end".
        Assert.Equal("\u0301 end", SquadAnswer.Normalize("the\u0301 end"));

        // A superscript two (U+00B2, category No) is numeric for Python, so "a²" is one word and stays.
        Assert.Equal("a\u00B2", SquadAnswer.Normalize("a\u00B2"));
    }

    [Fact]
    public void Normalize_splits_on_python_whitespace()
    {
        // str.split() treats the ASCII unit separator U+001F and the no-break space U+00A0 as whitespace.
        Assert.Equal("x y z", SquadAnswer.Normalize("x\u001Fy\u00A0z"));

        // A zero-width space (U+200B, category Cf) is not whitespace for Python and stays inside the word.
        Assert.Equal("x\u200By", SquadAnswer.Normalize("x\u200By"));
    }

    [Fact]
    public void Exact_match_takes_the_best_reference()
    {
        string[] references = ["first oil shock", "shock", "shock", "first oil shock", "shock"];

        // Question 5725b33f6a3fe71400b89530 of the v1.1 dev set: the baseline's quoted answer normalizes
        // to "first oil shock", the first reference.
        Assert.Equal(1.0, SquadAnswer.ExactMatch("\"first oil shock\"", references));
        Assert.Equal(1.0, SquadAnswer.ExactMatch("Shock.", references));
        Assert.Equal(0.0, SquadAnswer.ExactMatch("oil shock", references));
    }

    [Fact]
    public void F1_of_a_prediction_that_contains_the_reference()
    {
        // Question 5725b5a689a1e219009abd28. Prediction tokens after normalization:
        // foreign policy in middle east to avoid being targeted by boycott (11 tokens, two "the" removed);
        // reference: to avoid being targeted by boycott (6 tokens), all shared.
        // P = 6/11, R = 6/6, F1 = 2PR/(P+R) = (12/11)/(17/11) = 12/17.
        var f1 = SquadAnswer.F1(
            "foreign policy in the Middle East to avoid being targeted by the boycott",
            ["to avoid being targeted by the boycott"]);

        Assert.Equal(12.0 / 17.0, f1, 1e-15);
    }

    [Fact]
    public void F1_takes_the_best_reference()
    {
        // Question 5725b76389a1e219009abd4d, prediction "1971":
        // vs "in september 1971": P = 1/1, R = 1/3, F1 = (2/3)/(4/3) = 1/2;
        // vs "september 1971":    P = 1/1, R = 1/2, F1 = 1/(3/2)   = 2/3. The best is 2/3.
        string[] references = ["In September 1971", "September 1971", "September 1971"];

        Assert.Equal(2.0 / 3.0, SquadAnswer.F1("1971", references), 1e-15);
        Assert.Equal(0.0, SquadAnswer.ExactMatch("1971", references));
    }

    [Fact]
    public void F1_counts_repeated_tokens_as_a_multiset_intersection()
    {
        // Counter(new new york) & Counter(new york york) = {new: 1, york: 1}: 2 shared tokens.
        // P = 2/3, R = 2/3, F1 = 2/3. A set intersection would give the same 2, but counting every
        // prediction token found in the reference would give 3 and F1 = 1.
        Assert.Equal(2.0 / 3.0, SquadAnswer.F1("new new york", ["new york york"]), 1e-15);

        // Counter(x y y) & Counter(y z) = {y: 1}: P = 1/3, R = 1/2, F1 = 2(1/6)/(5/6) = 2/5.
        Assert.Equal(0.4, SquadAnswer.F1("x y y", ["y z"]), 1e-15);
    }

    [Fact]
    public void F1_is_zero_without_shared_tokens()
    {
        // Question 5725b33f6a3fe71400b8952e: "us3 per barrel" shares no token with "nearly 12" or "12".
        string[] references = ["nearly $12", "$12", "$12", "$12", "$12"];

        Assert.Equal(0.0, SquadAnswer.F1("US$3 per barrel", references));
    }

    [Fact]
    public void No_answer_questions_follow_the_v2_rule()
    {
        // No reference: only an empty prediction scores, and it scores 1 on both metrics.
        Assert.Equal(1.0, SquadAnswer.ExactMatch("", []));
        Assert.Equal(1.0, SquadAnswer.F1("", []));

        // "The." normalizes to nothing, so it is an abstention too.
        Assert.Equal(1.0, SquadAnswer.ExactMatch("The.", []));
        Assert.Equal(1.0, SquadAnswer.F1("The.", []));

        Assert.Equal(0.0, SquadAnswer.ExactMatch("Denver", []));
        Assert.Equal(0.0, SquadAnswer.F1("Denver", []));

        // References that normalize to nothing count as no reference at all.
        Assert.Equal(1.0, SquadAnswer.F1("", ["the", "."]));
    }

    [Fact]
    public void Empty_references_are_set_aside_when_others_exist()
    {
        // Question 5725bad5271a42140099d0c1 has "." among its references. evaluate-v2.0.py keeps only
        // references that normalize to something, so an empty prediction does not match ".":
        // EM 0 and F1 0 (evaluate-v1.1.py would have given EM 1 through "" == "").
        string[] references = ["renewal of hostilities in the Arab\u2013Israeli conflict", "renewal of hostilities", "."];

        Assert.Equal(0.0, SquadAnswer.ExactMatch("", references));
        Assert.Equal(0.0, SquadAnswer.F1("", references));
        Assert.Equal(1.0, SquadAnswer.ExactMatch("Renewal of hostilities.", references));
    }

    [Fact]
    public void An_empty_prediction_scores_zero_against_an_answer()
    {
        Assert.Equal(0.0, SquadAnswer.ExactMatch("", ["Denver Broncos"]));
        Assert.Equal(0.0, SquadAnswer.F1("", ["Denver Broncos"]));
    }
}
