namespace Workbench.Grains.Tests.Endpoints;

public sealed class PipelineTests
{
    private static readonly ChatMessage[] Question = [new(ChatRole.User, "What is 2 + 2?")];
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task Retry_waits_at_least_the_servers_Retry_After_before_trying_again()
    {
        var clock = new ManualTimeProvider();
        var firstAttempt = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var backend = new TestChatClient((call, _, _) =>
        {
            if (call == 1)
            {
                firstAttempt.TrySetResult();
                throw new EndpointCallException("e", EndpointFailure.RateLimited, "429", TimeSpan.FromSeconds(30));
            }
            return Task.FromResult(TestChatClient.Text("4"));
        });
        var retry = new RetryChatClient(backend, retries: 3, clock, baseDelay: TimeSpan.FromMilliseconds(10), maxDelay: TimeSpan.FromMilliseconds(20));

        var call = retry.GetResponseAsync(Question, cancellationToken: _ct);
        await firstAttempt.Task.Within("the first attempt");
        clock.Advance(TimeSpan.FromSeconds(29));
        Assert.Equal(1, backend.Calls);
        clock.Advance(TimeSpan.FromSeconds(1));

        var response = await call.Within("the retried call");
        Assert.Equal("4", response.Text);
        Assert.Equal(2, backend.Calls);
        Assert.Equal(2, CallProperties.Get(response, CallProperties.Attempts, 0));
    }

    [Fact]
    public async Task A_rejected_request_is_not_retried_and_transient_failures_stop_after_the_retries()
    {
        var rejected = new TestChatClient((_, _, _) => throw new EndpointCallException("e", EndpointFailure.Rejected, "HTTP 400"));
        await Assert.ThrowsAsync<EndpointCallException>(() => new RetryChatClient(rejected, 5, TimeProvider.System).GetResponseAsync(Question, cancellationToken: _ct));
        Assert.Equal(1, rejected.Calls);

        var failing = new TestChatClient((_, _, _) => throw new EndpointCallException("e", EndpointFailure.ServerError, "HTTP 500"));
        var retry = new RetryChatClient(failing, 2, TimeProvider.System, TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(2));
        await Assert.ThrowsAsync<EndpointCallException>(() => retry.GetResponseAsync(Question, cancellationToken: _ct).Within("three attempts"));
        Assert.Equal(3, failing.Calls);
    }

    [Fact]
    public void Backoff_is_jittered_exponential_capped_and_never_shorter_than_Retry_After()
    {
        var retry = new RetryChatClient(new TestChatClient((_, _, _) => Task.FromResult(TestChatClient.Text(""))), 3, TimeProvider.System,
            TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(1));

        var delays = Enumerable.Range(0, 200).Select(_ => retry.DelayBefore(3, null)).ToList();
        Assert.All(delays, d => Assert.InRange(d, TimeSpan.Zero, TimeSpan.FromMilliseconds(400)));
        Assert.True(delays.Distinct().Count() > 100, "full jitter spreads the delays");
        Assert.All(Enumerable.Range(0, 50).Select(_ => retry.DelayBefore(10, null)), d => Assert.True(d <= TimeSpan.FromSeconds(1)));
        Assert.Equal(TimeSpan.FromSeconds(7), retry.DelayBefore(1, TimeSpan.FromSeconds(7)));
    }

    [Fact]
    public async Task The_circuit_opens_after_repeated_failures_and_lets_one_trial_through_after_the_break()
    {
        var clock = new ManualTimeProvider();
        var healthy = false;
        var backend = new TestChatClient((_, _, _) => healthy
            ? Task.FromResult(TestChatClient.Text("ok"))
            : throw new EndpointCallException("e", EndpointFailure.ServerError, "HTTP 503"));
        var breaker = new CircuitBreakerChatClient(backend, "e", clock, threshold: 3, breakDuration: TimeSpan.FromSeconds(30));

        for (var i = 0; i < 3; i++)
        {
            await Assert.ThrowsAsync<EndpointCallException>(() => breaker.GetResponseAsync(Question, cancellationToken: _ct));
        }
        var open = await Assert.ThrowsAsync<CircuitOpenException>(() => breaker.GetResponseAsync(Question, cancellationToken: _ct));
        Assert.Contains("failed 3 times in a row", open.Message);
        Assert.Contains("HTTP 503", open.Message);
        Assert.Equal(3, backend.Calls);

        clock.Advance(TimeSpan.FromSeconds(30));
        healthy = true;
        Assert.Equal("ok", (await breaker.GetResponseAsync(Question, cancellationToken: _ct)).Text);
        Assert.False(breaker.IsOpen);
    }

    [Fact]
    public async Task Only_failures_in_a_row_open_the_circuit_a_success_starts_the_count_again()
    {
        var clock = new ManualTimeProvider();
        var answers = new Queue<bool>([false, false, true, false, false, true, false, false, false]);
        var backend = new TestChatClient((_, _, _) => answers.Dequeue()
            ? Task.FromResult(TestChatClient.Text("ok"))
            : throw new EndpointCallException("e", EndpointFailure.ServerError, "HTTP 503"));
        var breaker = new CircuitBreakerChatClient(backend, "e", clock, threshold: 3, breakDuration: TimeSpan.FromSeconds(30));

        // Two failures, a success, two failures, a success: never three in a row.
        for (var i = 0; i < 6; i++)
        {
            clock.Advance(TimeSpan.FromSeconds(1));
            try
            {
                await breaker.GetResponseAsync(Question, cancellationToken: _ct);
            }
            catch (EndpointCallException)
            {
            }
            Assert.False(breaker.IsOpen);
        }
        // Three in a row, however far apart.
        for (var i = 0; i < 3; i++)
        {
            clock.Advance(TimeSpan.FromMinutes(5));
            await Assert.ThrowsAsync<EndpointCallException>(() => breaker.GetResponseAsync(Question, cancellationToken: _ct));
        }
        Assert.True(breaker.IsOpen);
        await Assert.ThrowsAsync<CircuitOpenException>(() => breaker.GetResponseAsync(Question, cancellationToken: _ct));
        Assert.Equal(9, backend.Calls);
    }

    [Fact]
    public async Task Being_rate_limited_does_not_open_the_circuit()
    {
        var backend = new TestChatClient((_, _, _) => throw new EndpointCallException("e", EndpointFailure.RateLimited, "429"));
        var breaker = new CircuitBreakerChatClient(backend, "e", TimeProvider.System, threshold: 2);

        for (var i = 0; i < 5; i++)
        {
            await Assert.ThrowsAsync<EndpointCallException>(() => breaker.GetResponseAsync(Question, cancellationToken: _ct));
        }

        Assert.False(breaker.IsOpen);
        Assert.Equal(5, backend.Calls);
    }

    [Fact]
    public async Task No_more_than_max_concurrency_calls_are_in_flight()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var fourStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var backend = new TestChatClient(async (call, _, ct) =>
        {
            if (call == 4)
            {
                fourStarted.TrySetResult();
            }
            await release.Task.WaitAsync(ct);
            return TestChatClient.Text("done");
        });
        var limited = new ConcurrencyLimitChatClient(backend, 4);

        var calls = Enumerable.Range(0, 20).Select(_ => Task.Run(() => limited.GetResponseAsync(Question, cancellationToken: _ct), _ct)).ToList();
        await fourStarted.Task.Within("four calls to start");
        Assert.Equal(4, backend.Calls);
        release.SetResult();
        await Task.WhenAll(calls).Within("twenty limited calls");

        Assert.Equal(20, backend.Calls);
        Assert.Equal(4, backend.MaxInFlight);
    }

    [Fact]
    public async Task A_request_larger_than_the_whole_token_limit_is_rejected_at_once()
    {
        var backend = new TestChatClient((_, _, _) => Task.FromResult(TestChatClient.Text("x")));
        var limited = new RateLimitChatClient(backend, "e", requestsPerMinute: null, tokensPerMinute: 10);

        var error = await Assert.ThrowsAsync<EndpointCallException>(() =>
            limited.GetResponseAsync([new ChatMessage(ChatRole.User, new string('a', 400))], cancellationToken: _ct));

        Assert.Equal(EndpointFailure.Rejected, error.Failure);
        Assert.Contains("tpm", error.Message);
        Assert.Equal(0, backend.Calls);
    }

    [Fact]
    public async Task A_slow_call_fails_as_a_timeout()
    {
        var clock = new ManualTimeProvider();
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var backend = new TestChatClient(async (_, _, ct) =>
        {
            started.TrySetResult();
            await Task.Delay(Timeout.InfiniteTimeSpan, ct);
            return TestChatClient.Text("never");
        });
        var timeout = new TimeoutChatClient(backend, "slow", TimeSpan.FromSeconds(5), clock);

        var call = timeout.GetResponseAsync(Question, cancellationToken: _ct);
        await started.Task.Within("the call to start");
        clock.Advance(TimeSpan.FromSeconds(5));

        var error = await Assert.ThrowsAsync<EndpointCallException>(() => call.Within("the timeout"));
        Assert.Equal(EndpointFailure.Timeout, error.Failure);
    }

    [Fact]
    public async Task The_cache_answers_repeats_of_a_call_but_keeps_repeat_indexes_and_parameters_apart()
    {
        var backend = new TestChatClient((call, _, _) => Task.FromResult(TestChatClient.Text($"answer {call}")));
        var cache = new MemoryResponseCache();
        var options = new ChatOptions { Temperature = 0.7f };
        var cached = new ResponseCacheChatClient(backend, cache, "e", "e|openai|m|t=0.7");
        var otherParameters = new ResponseCacheChatClient(backend, cache, "e", "e|openai|m|t=0.2");

        var first = await cached.GetResponseAsync(Question, CallProperties.For(options, "row1", "p", 0), _ct);
        var again = await cached.GetResponseAsync(Question, CallProperties.For(options, "row1", "p", 0), _ct);
        var repeat = await cached.GetResponseAsync(Question, CallProperties.For(options, "row1", "p", 1), _ct);
        var other = await otherParameters.GetResponseAsync(Question, CallProperties.For(options, "row1", "p", 0), _ct);

        Assert.Equal("answer 1", first.Text);
        Assert.Equal("answer 1", again.Text);
        Assert.True(CallProperties.Get(again, CallProperties.Cached, false));
        Assert.Equal("answer 2", repeat.Text);
        Assert.Equal("answer 3", other.Text);
        Assert.Equal(3, backend.Calls);
    }

    [Fact]
    public async Task Failures_are_never_cached()
    {
        var backend = new TestChatClient((call, _, _) => call == 1
            ? throw new EndpointCallException("e", EndpointFailure.ServerError, "HTTP 500")
            : Task.FromResult(TestChatClient.Text("fine")));
        var cache = new MemoryResponseCache();
        var cached = new ResponseCacheChatClient(backend, cache, "e", "e");

        await Assert.ThrowsAsync<EndpointCallException>(() => cached.GetResponseAsync(Question, cancellationToken: _ct));
        Assert.Empty(cache.Entries);
        Assert.Equal("fine", (await cached.GetResponseAsync(Question, cancellationToken: _ct)).Text);
    }

    [Fact]
    public async Task Accounting_prices_the_tokens_the_server_reports()
    {
        var backend = new TestChatClient((_, _, _) => Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, "4"))
        {
            Usage = new UsageDetails { InputTokenCount = 2_000, OutputTokenCount = 500 },
        }));
        var accounting = new AccountingChatClient(backend, new Workbench.Evaluation.Specs.Price(0.15m, 0.60m));

        var response = await accounting.GetResponseAsync(Question, cancellationToken: _ct);

        // 2,000 input tokens at 0.15 per 1k = 0.30; 500 output tokens at 0.60 per 1k = 0.30.
        Assert.Equal(0.60m, CallProperties.Get(response, CallProperties.Cost, 0m));
        Assert.False(CallProperties.Get(response, CallProperties.Cached, true));
        Assert.Equal((2_000, 500), accounting.Tokens);
    }
}
