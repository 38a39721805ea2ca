namespace Workbench.Grains.LocalModels;

/// <summary>
/// A local model on this silo: one activation per model and settings on each silo that uses it (a
/// stateless worker), owning the weights and the context that all of the silo's requests share.
/// </summary>
public interface ILocalModelGrain : IGrainWithStringKey
{
    /// <summary>Loads the model of <paramref name="settings"/> on this silo if it is not loaded yet, so a run learns before it starts that the model cannot load.</summary>
    /// <returns>The model's name.</returns>
    /// <exception cref="LocalModelException">The model cannot load; the message says what to do.</exception>
    [ResponseTimeout("00:10:00")]
    Task<string> LoadAsync(LocalModelSettings settings, CancellationToken cancellationToken);

    /// <summary>Completes a chat with the model of <paramref name="settings"/>, loading it on the first call.</summary>
    /// <remarks>A call may wait for a slot and then generate for minutes; the endpoint's own timeout bounds it and cancels it.</remarks>
    /// <exception cref="LocalModelException">The model cannot load, or the request cannot fit.</exception>
    [ResponseTimeout("01:00:00")]
    Task<LocalCompletion> CompleteAsync(LocalModelSettings settings, LocalCompletionRequest request, CancellationToken cancellationToken);
}
