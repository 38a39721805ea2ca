using System.Globalization;
using System.Text.RegularExpressions;
using Workbench.Evaluation.Specs;
using Workbench.Grains.Catalog;
using Workbench.Grains.Storage;

namespace Workbench.Grains.Prompts;

/// <summary>
/// One prompt of the registry. A version is immutable and named by the hash of its messages (the hash a
/// spec's inline prompt gets, so a registry version and the same inline text are one version); pushing
/// the same content again returns the existing version. Labels move; their moves are history.
/// </summary>
public sealed partial class PromptGrain([PersistentState("prompt")] IPersistentState<PromptState> state, TimeProvider timeProvider) : Grain, IPromptGrain
{
    /// <inheritdoc />
    public async Task<(PromptVersion Version, bool Created)> PushAsync(IReadOnlyList<PromptText> messages, string? source, CancellationToken cancellationToken)
    {
        if (messages.Count == 0)
        {
            throw new ArgumentException("A prompt version needs at least one message.", nameof(messages));
        }
        var hash = PromptSpec.HashOf(messages.Select(m => new PromptMessage(m.Role, m.Template)));
        if (state.State.Versions.FirstOrDefault(v => v.Hash == hash) is { } existing)
        {
            return (existing, false);
        }
        var now = timeProvider.GetUtcNow();
        // A List, which the JSON grain storage can name and read back; a collection expression's hidden type it cannot.
        var version = new PromptVersion(state.State.Versions.Count + 1, hash, messages.ToList(), now, source);
        state.State.Versions.Add(version);
        state.State.History.Add(new PromptEvent(now, $"pushed v{version.Number} ({hash}){(source is null ? "" : $" from {source}")}"));
        // Listed first (adding a name twice changes nothing), so that a stored version is never missing from the list.
        await GrainFactory.GetGrain<ICatalogGrain>(ICatalogGrain.Prompts).AddAsync(this.GetPrimaryKeyString(), cancellationToken);
        await state.WriteOrDeactivateAsync(DeactivateOnIdle, cancellationToken);
        return (version, true);
    }

    /// <inheritdoc />
    public Task<PromptVersion?> ResolveAsync(string selector, CancellationToken cancellationToken) => Task.FromResult(Find(selector));

    /// <inheritdoc />
    public async Task<PromptVersion> LabelAsync(string selector, string label, CancellationToken cancellationToken)
    {
        if (!LabelPattern().IsMatch(label) || VersionPattern().IsMatch(label) || label == "latest" || (label.Length >= 6 && HashPattern().IsMatch(label)))
        {
            throw new ArgumentException($"`{label}` cannot be a label: use letters, digits, '-' and '_', starting with a letter; not `latest`, v followed by digits (a version) or six or more hex digits (a hash).");
        }
        var version = Find(selector) ?? throw new ArgumentException($"prompt `{this.GetPrimaryKeyString()}` has no version `{selector}`; `workbench prompt show {this.GetPrimaryKeyString()}` lists them.");
        var before = state.State.Labels.TryGetValue(label, out var number) ? $" (was v{number})" : "";
        if (number == version.Number)
        {
            return version;
        }
        state.State.Labels[label] = version.Number;
        state.State.History.Add(new PromptEvent(timeProvider.GetUtcNow(), $"labelled v{version.Number} {label}{before}"));
        await state.WriteOrDeactivateAsync(DeactivateOnIdle, cancellationToken);
        return version;
    }

    /// <inheritdoc />
    public Task<PromptEntry?> GetAsync(CancellationToken cancellationToken) => Task.FromResult(state.State.Versions.Count == 0
        ? null
        : new PromptEntry(this.GetPrimaryKeyString(), [.. state.State.Versions], new Dictionary<string, int>(state.State.Labels), [.. state.State.History]));

    private PromptVersion? Find(string selector)
    {
        var versions = state.State.Versions;
        if (versions.Count == 0)
        {
            return null;
        }
        if (string.IsNullOrEmpty(selector) || selector == "latest")
        {
            return versions[^1];
        }
        if (VersionPattern().IsMatch(selector))
        {
            var number = int.Parse(selector.AsSpan(1), CultureInfo.InvariantCulture);
            return number >= 1 && number <= versions.Count ? versions[number - 1] : null;
        }
        if (state.State.Labels.TryGetValue(selector, out var labelled))
        {
            return versions[labelled - 1];
        }
        if (selector.Length >= 6)
        {
            var matches = versions.Where(v => v.Hash.StartsWith(selector, StringComparison.OrdinalIgnoreCase)).ToList();
            return matches.Count == 1 ? matches[0] : null;
        }
        return null;
    }

    [GeneratedRegex("^v[0-9]+$")]
    private static partial Regex VersionPattern();

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_-]*$")]
    private static partial Regex LabelPattern();

    [GeneratedRegex("^[0-9a-fA-F]+$")]
    private static partial Regex HashPattern();
}
