using Microsoft.Extensions.Logging.Abstractions;
using Workbench.Grains.LocalModels;

namespace Workbench.Grains.Tests.LocalModels;

public sealed class LlamaModelTests(TinyModelFixture model) : IClassFixture<TinyModelFixture>
{
    private static readonly string[] Questions =
    [
        "What is the capital of France?",
        "Name three prime numbers.",
        "Translate 'good morning' into German.",
        "Who wrote Hamlet?",
        "Why is the sky blue? Answer in one sentence.",
        "What is 17 times 23?",
        "When did the 1973 oil crisis begin?",
        "Which river flows through Paris, and into which sea does it run?",
        "List the planets of the solar system in order from the Sun.",
        "What does a compiler do?",
        "Who painted the Mona Lisa?",
        "How many legs does a spider have?",
    ];

    private static LocalCompletionRequest Greedy(string question, int maxTokens = 24, params string[] stop) =>
        new([new LocalMessage("system", "You answer briefly."), new LocalMessage("user", question)], maxTokens, 0, null, null, 0, stop, null, null);

    [Fact]
    public async Task UnderGreedyDecodingABatchedRequestAnswersExactlyAsItDoesAlone()
    {
        var token = TestContext.Current.CancellationToken;
        var alone = new List<LocalCompletion>();
        await using (var single = LlamaModel.Load(model.Settings(slots: 1), NullLogger.Instance))
        {
            foreach (var question in Questions)
            {
                alone.Add(await single.CompleteAsync(Greedy(question), token));
            }
            Assert.Equal(1.0, single.MeanBatch);
        }

        // Four slots for twelve requests: most join as earlier ones finish, while others are mid-answer.
        await using var batched = LlamaModel.Load(model.Settings(slots: 4), NullLogger.Instance);
        var together = await Task.WhenAll(Questions.Select(q => batched.CompleteAsync(Greedy(q), token)));

        Assert.True(batched.MeanBatch > 2, $"requests should share decode steps; the mean batch was {batched.MeanBatch:0.00}");
        for (var i = 0; i < Questions.Length; i++)
        {
            Assert.Equal(alone[i], together[i]);
        }
        Assert.True(alone.Select(a => a.Text).Distinct().Count() > 1, "different prompts should give different answers");
    }

    [Fact]
    public async Task CancellingARequestFreesItsSlotForTheNextOne()
    {
        var token = TestContext.Current.CancellationToken;
        await using var served = LlamaModel.Load(model.Settings(slots: 1), NullLogger.Instance);
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(token);
        var longAnswer = served.CompleteAsync(Greedy(Questions[0], maxTokens: 3500), cancel.Token);
        await Eventually.TrueAsync(() => Task.FromResult(served.Steps >= 3), "the long request to hold the only slot", TimeSpan.FromSeconds(30), token);
        var next = served.CompleteAsync(Greedy(Questions[1], maxTokens: 8), token);

        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => longAnswer);
        var answer = await next;

        Assert.Equal(8, answer.CompletionTokens);
        Assert.True(served.Steps < 3500, $"the cancelled request should have left at once; {served.Steps} steps were decoded");
    }

    [Fact]
    public async Task StopTextsEndTheAnswerBeforeThem()
    {
        var token = TestContext.Current.CancellationToken;
        await using var served = LlamaModel.Load(model.Settings(slots: 2), NullLogger.Instance);
        var full = await served.CompleteAsync(Greedy(Questions[3], maxTokens: 40), token);
        var stop = full.Text.Substring(full.Text.Length / 2, Math.Min(3, full.Text.Length - full.Text.Length / 2));
        var expected = full.Text[..full.Text.IndexOf(stop, StringComparison.Ordinal)];

        var cut = await served.CompleteAsync(Greedy(Questions[3], 40, stop), token);

        Assert.Equal(expected, cut.Text);
        Assert.Equal(LocalFinish.Stop, cut.Finish);
        Assert.True(cut.CompletionTokens < full.CompletionTokens);
    }

    [Fact]
    public async Task APromptThatCannotFitInTheContextIsRefusedWithTheFix()
    {
        var token = TestContext.Current.CancellationToken;
        await using var served = LlamaModel.Load(model.Settings(slots: 2, contextSize: 128), NullLogger.Instance);
        var error = await Assert.ThrowsAsync<LocalModelException>(() => served.CompleteAsync(Greedy(string.Concat(Enumerable.Repeat("a long question ", 40)), 16), token));
        Assert.Contains("n_ctx", error.Message, StringComparison.Ordinal);
        Assert.Contains("do not fit in a slot's context of", error.Message, StringComparison.Ordinal);
        Assert.Contains("shared by 2 slots", error.Message, StringComparison.Ordinal);

        // The model still serves requests that fit.
        Assert.InRange((await served.CompleteAsync(Greedy("Hi?", 16), token)).CompletionTokens, 1, 16);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    [InlineData(int.MaxValue)]
    public async Task AMaxTokensThatIsNotPositiveOrCannotFitIsRefusedAndTheModelKeepsServing(int maxTokens)
    {
        var token = TestContext.Current.CancellationToken;
        await using var served = LlamaModel.Load(model.Settings(slots: 2, contextSize: 256), NullLogger.Instance);

        await Assert.ThrowsAsync<LocalModelException>(() => served.CompleteAsync(Greedy("Hi?", maxTokens), token));

        Assert.InRange((await served.CompleteAsync(Greedy("Hi?", 8), token)).CompletionTokens, 1, 8);
    }

    [Fact]
    public async Task SampledAnswersFollowTheSeed()
    {
        var token = TestContext.Current.CancellationToken;
        await using var served = LlamaModel.Load(model.Settings(slots: 4), NullLogger.Instance);
        LocalCompletionRequest Sampled(uint seed) => Greedy(Questions[0], 32) with { Temperature = 1.0f, Seed = seed };

        var answers = await Task.WhenAll(served.CompleteAsync(Sampled(1), token), served.CompleteAsync(Sampled(1), token), served.CompleteAsync(Sampled(2), token));

        Assert.Equal(answers[0].Text, answers[1].Text);
        Assert.NotEqual(answers[0].Text, answers[2].Text);
    }
}
