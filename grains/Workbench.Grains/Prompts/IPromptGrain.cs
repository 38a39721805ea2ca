namespace Workbench.Grains.Prompts;

/// <summary>A prompt in the registry (key: the prompt's name): immutable versions named by content hash, labels and history.</summary>
public interface IPromptGrain : IGrainWithStringKey
{
    /// <summary>Adds a version with these messages, or returns the existing one with the same content.</summary>
    /// <returns>The version, and whether it is new.</returns>
    Task<(PromptVersion Version, bool Created)> PushAsync(IReadOnlyList<PromptText> messages, string? source, CancellationToken cancellationToken);

    /// <summary>
    /// The version <paramref name="selector"/> names: <c>v3</c> (a number), a label, a content hash (or
    /// its first 6 or more characters), or empty for the latest. Null when there is none.
    /// </summary>
    Task<PromptVersion?> ResolveAsync(string selector, CancellationToken cancellationToken);

    /// <summary>Points <paramref name="label"/> at the version <paramref name="selector"/> names.</summary>
    /// <exception cref="ArgumentException">The selector names no version, or the label is not a word.</exception>
    Task<PromptVersion> LabelAsync(string selector, string label, CancellationToken cancellationToken);

    /// <summary>The whole entry; null when nothing was ever pushed under this name.</summary>
    Task<PromptEntry?> GetAsync(CancellationToken cancellationToken);
}
