namespace Workbench.Grains.Prompts;

/// <summary>The names in the prompt registry (one grain, key <see cref="Key"/>), so that they can be listed.</summary>
public interface IPromptCatalogGrain : IGrainWithStringKey
{
    /// <summary>The catalog's key.</summary>
    const string Key = "prompts";

    /// <summary>Adds a name; adding it again changes nothing.</summary>
    Task AddAsync(string name, CancellationToken cancellationToken);

    /// <summary>Every name, in order.</summary>
    Task<IReadOnlyList<string>> NamesAsync(CancellationToken cancellationToken);
}
