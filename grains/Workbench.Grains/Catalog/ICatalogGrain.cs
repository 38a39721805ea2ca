namespace Workbench.Grains.Catalog;

/// <summary>The names of one kind of registry entry (key: <see cref="Prompts"/> or <see cref="Experiments"/>), so that they can be listed.</summary>
public interface ICatalogGrain : IGrainWithStringKey
{
    /// <summary>The catalog of the prompt registry.</summary>
    const string Prompts = "prompts";

    /// <summary>The catalog of experiments.</summary>
    const string Experiments = "experiments";

    /// <summary>Adds a name; adding it again changes nothing.</summary>
    Task AddAsync(string name, CancellationToken cancellationToken);

    /// <summary>Every name, in order.</summary>
    Task<IReadOnlyList<string>> NamesAsync(CancellationToken cancellationToken);
}
