namespace Workbench.Grains.LocalModels;

/// <summary>A request waiting for, or holding, a slot of a <see cref="LlamaModel"/>: the caller's task, completed by the decode loop or by cancellation.</summary>
internal sealed class PendingCompletion
{
    private readonly TaskCompletionSource<LocalCompletion> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenRegistration _registration;

    public PendingCompletion(LocalCompletionRequest request, CancellationToken cancellationToken)
    {
        Request = request;
        // Cancelling answers the caller at once; the loop sees the completed task at its next step and frees the slot.
        _registration = cancellationToken.Register(() => _completion.TrySetCanceled(cancellationToken));
    }

    /// <summary>The request.</summary>
    public LocalCompletionRequest Request { get; }

    /// <summary>The caller's task.</summary>
    public Task<LocalCompletion> Task => _completion.Task;

    /// <summary>Answers the caller.</summary>
    public void Complete(LocalCompletion completion)
    {
        _registration.Dispose();
        _completion.TrySetResult(completion);
    }

    /// <summary>Fails the caller's task.</summary>
    public void Fail(Exception exception)
    {
        _registration.Dispose();
        _completion.TrySetException(exception);
    }
}
