using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Orleans.Storage;
using Workbench.Grains.Runs;
using Workbench.Silo.Storage;

namespace Workbench.Silo.Tests;

public sealed class SqliteGrainStorageTests : IDisposable
{
    private static readonly GrainId Grain = GrainId.Create("evaluationrun", "k");
    private readonly SqliteTestDatabase _database = new();
    private readonly ServiceProvider _services = new ServiceCollection().AddSerializer().BuildServiceProvider();
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    public void Dispose()
    {
        _services.Dispose();
        _database.Dispose();
    }

    [Fact]
    public async Task Each_write_advances_the_etag_and_a_read_returns_the_last_write()
    {
        var storage = await StorageAsync();
        var state = new GrainState<RunState>(new RunState());
        await storage.ReadStateAsync("run", Grain, state, _ct);
        Assert.Equal((false, null), (state.RecordExists, state.ETag));

        state.State!.Epoch = 1;
        await storage.WriteStateAsync("run", Grain, state, _ct);
        var first = state.ETag;
        state.State!.Epoch = 2;
        state.State!.Submission = new RunSubmission("k", "/specs/s.yaml", "name: s", true, false);
        await storage.WriteStateAsync("run", Grain, state, _ct);

        var read = new GrainState<RunState>(new RunState());
        await storage.ReadStateAsync("run", Grain, read, _ct);
        Assert.Equal(("1", "2"), (first, state.ETag));
        Assert.Equal((true, "2", 2, "name: s"), (read.RecordExists, read.ETag, read.State!.Epoch, read.State!.Submission?.SpecText));

        var other = new GrainState<RunState>(new RunState());
        await storage.ReadStateAsync("other", Grain, other, _ct);
        await storage.ReadStateAsync("run", GrainId.Create("evaluationrun", "other"), other, _ct);
        Assert.False(other.RecordExists);
    }

    [Fact]
    public async Task A_stale_write_throws_and_never_overwrites()
    {
        var storage = await StorageAsync();
        var current = new GrainState<RunState>(new RunState { Epoch = 1 });
        await storage.WriteStateAsync("run", Grain, current, _ct);
        var stale = new GrainState<RunState>(new RunState { Epoch = 99 }) { ETag = current.ETag };
        current.State!.Epoch = 2;
        await storage.WriteStateAsync("run", Grain, current, _ct);

        var conflict = await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync("run", Grain, stale, _ct));
        var blind = new GrainState<RunState>(new RunState { Epoch = 98 });
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync("run", Grain, blind, _ct));

        Assert.Equal(("2", "1"), (conflict.StoredEtag, conflict.CurrentEtag));
        Assert.Contains("evaluationrun/k", conflict.Message);
        var read = new GrainState<RunState>(new RunState());
        await storage.ReadStateAsync("run", Grain, read, _ct);
        Assert.Equal(2, read.State!.Epoch);
    }

    [Fact]
    public async Task A_clear_needs_the_current_etag()
    {
        var storage = await StorageAsync();
        var state = new GrainState<RunState>(new RunState { Epoch = 1 });
        await storage.WriteStateAsync("run", Grain, state, _ct);
        var first = state.ETag;
        await storage.WriteStateAsync("run", Grain, state, _ct);

        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.ClearStateAsync("run", Grain, new GrainState<RunState>(new RunState()) { ETag = first }, _ct));
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.ClearStateAsync("run", Grain, new GrainState<RunState>(new RunState()), _ct));

        await storage.ClearStateAsync("run", Grain, state, _ct);
        Assert.Equal((false, null), (state.RecordExists, state.ETag));
        var read = new GrainState<RunState>(new RunState());
        await storage.ReadStateAsync("run", Grain, read, _ct);
        Assert.False(read.RecordExists);
        await storage.WriteStateAsync("run", Grain, state, _ct);
        Assert.Equal("1", state.ETag);
    }

    private async Task<SqliteGrainStorage> StorageAsync() =>
        new(await _database.OpenAsync(), new OrleansGrainStorageSerializer(_services.GetRequiredService<Serializer>()), TimeProvider.System);
}
