using Workbench.Evaluation.Metrics;

namespace Workbench.Evaluation.Tests.Metrics;

/// <summary>Corpus BLEU on WMT17 newstest2017 English→German (3,004 segments).</summary>
public sealed class BleuWmt17Tests
{
    // sacrebleu's test.sh, table MTEVAL: "Pre-computed results from Moses' mteval-v13a.pl for BLEU tests",
    // which sacrebleu must match within 0.01 with its defaults (13a, exp smoothing, mixed case).
    [Theory]
    [InlineData("C-3MA.4959", 22.67)]
    [InlineData("FBK.4870", 26.33)]
    [InlineData("uedin-nmt.4722", 28.3)]
    [InlineData("online-F.0", 15.45)]
    public void Corpus_bleu_matches_mteval_v13a(string system, double expected)
    {
        var score = CorpusBleu(system, new BleuOptions());

        Assert.True(Math.Abs(score.Score - expected) <= 0.01, $"{system}: BLEU {score.Score:F4}, mteval-v13a {expected}");
    }

    [Fact]
    public void The_reference_scores_100_against_itself()
    {
        var score = CorpusBleu(null, new BleuOptions());

        Assert.Equal(100.0, score.Score, 1e-9);
        Assert.Equal(1.0, score.BrevityPenalty);
        Assert.Equal(score.HypothesisLength, score.ReferenceLength);
    }

    [Fact]
    public void Statistics_of_every_segment_match_a_plain_transcription_of_sacrebleu()
    {
        var references = Wmt17EnDe.Lines(Wmt17EnDe.Reference);
        var pairs = new[] { "C-3MA.4959", "online-F.0" }
            .SelectMany(system => Wmt17EnDe.Lines(Wmt17EnDe.SystemFile(system)).Select((h, i) => (h, references[i])))
            .Concat(GeneratedSentenceCase.All.Select(c => (c.Hypothesis, c.Reference)));
        var matcher = new BleuSegmentMatcher(new BleuOptions());

        foreach (var (hypothesis, reference) in pairs)
        {
            AssertMatchesPlainTranscription(matcher, hypothesis, [reference]);
        }
    }

    [Fact]
    public void Statistics_with_several_references_match_a_plain_transcription_of_sacrebleu()
    {
        // Each hypothesis against its own reference, two other systems' outputs for the same source, an
        // empty reference and its reference again: clipping takes the most any one reference has, an
        // empty reference is skipped and a repeated one changes nothing.
        var references = Wmt17EnDe.Lines(Wmt17EnDe.Reference);
        var first = Wmt17EnDe.Lines(Wmt17EnDe.SystemFile("FBK.4870"));
        var second = Wmt17EnDe.Lines(Wmt17EnDe.SystemFile("uedin-nmt.4722"));
        var matcher = new BleuSegmentMatcher(new BleuOptions());

        foreach (var (hypothesis, i) in Wmt17EnDe.Lines(Wmt17EnDe.SystemFile("C-3MA.4959")).Select((h, i) => (h, i)))
        {
            AssertMatchesPlainTranscription(matcher, hypothesis, [references[i], first[i], "", second[i], references[i]]);
        }
    }

    private static void AssertMatchesPlainTranscription(BleuSegmentMatcher matcher, string hypothesis, string[] references)
    {
        var expected = NaiveBleuStatistics.Segment(hypothesis, references);
        var actual = new BleuStatistics(4);
        matcher.Match(hypothesis, references, actual);

        Assert.Equal(expected.Matches, actual.Matches.ToArray());
        Assert.Equal(expected.Totals, actual.Totals.ToArray());
        Assert.Equal(expected.HypothesisLength, actual.HypothesisLength);
        Assert.Equal(expected.ReferenceLength, actual.ReferenceLength);
    }

    [Fact]
    public void Sentence_bleu_of_the_generated_cases_is_the_score_of_their_plain_statistics()
    {
        // The cases' own setting: BLEU(tokenize='13a', smooth_method='exp', effective_order=True).sentence_score.
        var options = new BleuOptions { UseEffectiveOrder = true };
        foreach (var c in GeneratedSentenceCase.All)
        {
            var naive = NaiveBleuStatistics.Segment(c.Hypothesis, [c.Reference]);
            var expected = Bleu.Compute(
                new BleuStatistics(naive.Matches, naive.Totals, naive.HypothesisLength, naive.ReferenceLength), options);
            var actual = Bleu.Sentence(c.Hypothesis, [c.Reference], options);
            var corpus = new BleuAccumulator(options);
            corpus.Add(c.Hypothesis, [c.Reference]);

            Assert.Equal(expected.Score, actual.Score);
            Assert.Equal(actual.Score, corpus.Result().Score);
            Assert.InRange(actual.Score, 0.0, 100.0 + 1e-9); // exp(mean log 100) can land a few ulps above 100
            Assert.Equal(100.0, Bleu.Sentence(c.Reference, [c.Reference], options).Score, 1e-9);
        }
    }

    [Fact]
    public void Two_references_never_score_below_either_one_alone_on_clipped_matches()
    {
        // With a second reference an n-gram may match up to its count in either, so each order's matches are
        // at least those against the better single reference.
        var references = Wmt17EnDe.Lines(Wmt17EnDe.Reference);
        var second = Wmt17EnDe.Lines(Wmt17EnDe.SystemFile("uedin-nmt.4722"));
        var hypotheses = Wmt17EnDe.Lines(Wmt17EnDe.SystemFile("FBK.4870"));
        var matcher = new BleuSegmentMatcher(new BleuOptions());
        for (var i = 0; i < hypotheses.Count; i++)
        {
            var both = new BleuStatistics(4);
            var first = new BleuStatistics(4);
            var other = new BleuStatistics(4);
            matcher.Match(hypotheses[i], [references[i], second[i]], both);
            matcher.Match(hypotheses[i], [references[i]], first);
            matcher.Match(hypotheses[i], [second[i]], other);
            for (var n = 0; n < 4; n++)
            {
                Assert.True(both.Matches[n] >= Math.Max(first.Matches[n], other.Matches[n]), $"segment {i}, order {n + 1}");
                Assert.Equal(first.Totals[n], both.Totals[n]);
            }
        }
    }

    [Fact]
    public void Merged_halves_equal_the_whole_corpus()
    {
        var references = Wmt17EnDe.Lines(Wmt17EnDe.Reference);
        var hypotheses = Wmt17EnDe.Lines(Wmt17EnDe.SystemFile("FBK.4870"));
        var whole = new BleuAccumulator(new BleuOptions());
        var front = new BleuAccumulator(new BleuOptions());
        var back = new BleuAccumulator(new BleuOptions());
        for (var i = 0; i < hypotheses.Count; i++)
        {
            whole.Add(hypotheses[i], [references[i]]);
            (i < 1500 ? front : back).Add(hypotheses[i], [references[i]]);
        }

        front.Merge(back);

        Assert.Equal(3004, front.SegmentCount);
        Assert.Equal(whole.Result().Score, front.Result().Score);
        Assert.Equal(whole.Result().Precisions, front.Result().Precisions);
    }

    [Fact]
    public void Merging_accumulators_with_different_options_is_refused()
    {
        var exp = new BleuAccumulator(new BleuOptions());
        var floor = new BleuAccumulator(new BleuOptions { SmoothMethod = BleuSmoothMethod.Floor });

        var error = Assert.Throws<ArgumentException>(() => exp.Merge(floor));
        Assert.Contains("different options", error.Message);
    }

    private static BleuScore CorpusBleu(string? system, BleuOptions options)
    {
        var references = Wmt17EnDe.Lines(Wmt17EnDe.Reference);
        var hypotheses = system is null ? references : Wmt17EnDe.Lines(Wmt17EnDe.SystemFile(system));
        var accumulator = new BleuAccumulator(options);
        for (var i = 0; i < hypotheses.Count; i++)
        {
            accumulator.Add(hypotheses[i], [references[i]]);
        }

        return accumulator.Result();
    }
}
