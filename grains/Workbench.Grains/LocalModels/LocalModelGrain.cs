using Microsoft.Extensions.Logging;
using Orleans.Concurrency;

namespace Workbench.Grains.LocalModels;

/// <summary>
/// Serves one local model on this silo. It is a stateless worker limited to one activation per silo,
/// so every call from this silo's shards reaches the same loaded model, and reentrant, so concurrent
/// calls all wait inside the model, where the decode loop batches them. Weights are loaded on the
/// first call and released when the activation is collected.
/// </summary>
[StatelessWorker(1)]
[Reentrant]
public sealed class LocalModelGrain(ILogger<LocalModelGrain> logger) : Grain, ILocalModelGrain
{
    private Task<LlamaModel>? _loading;

    /// <inheritdoc />
    public async Task<string> LoadAsync(LocalModelSettings settings, CancellationToken cancellationToken) =>
        (await ModelAsync(settings, cancellationToken).ConfigureAwait(true)).Name;

    /// <inheritdoc />
    public async Task<LocalCompletion> CompleteAsync(LocalModelSettings settings, LocalCompletionRequest request, CancellationToken cancellationToken)
    {
        var model = await ModelAsync(settings, cancellationToken).ConfigureAwait(true);
        return await model.CompleteAsync(request, cancellationToken).ConfigureAwait(true);
    }

    private async Task<LlamaModel> ModelAsync(LocalModelSettings settings, CancellationToken cancellationToken)
    {
        // Loading reads hundreds of megabytes: off the activation's scheduler, once, shared by the calls that wait for it.
        if (_loading is { IsCompletedSuccessfully: true } loaded && !loaded.Result.IsServing)
        {
            // The decode loop died (it logged why): release the model and load it again.
            _loading = null;
            await loaded.Result.DisposeAsync().ConfigureAwait(true);
        }
        var loading = _loading ??= Task.Run(() => LlamaModel.Load(settings, logger), CancellationToken.None);
        try
        {
            return await loading.WaitAsync(cancellationToken).ConfigureAwait(true);
        }
        catch (Exception) when (loading.IsFaulted && ReferenceEquals(_loading, loading))
        {
            // The next call tries again: the file may have been fixed.
            _loading = null;
            throw;
        }
    }

    /// <inheritdoc />
    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (_loading is { IsCompletedSuccessfully: true } loaded)
        {
            await loaded.Result.DisposeAsync().ConfigureAwait(true);
        }
        await base.OnDeactivateAsync(reason, cancellationToken).ConfigureAwait(true);
    }
}
