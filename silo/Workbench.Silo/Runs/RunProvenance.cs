using System.Reflection;
using Workbench.Evaluation.Specs;

namespace Workbench.Silo.Runs;

/// <summary>
/// Where a run's numbers come from: enough to tell two runs apart and to reproduce one. Endpoint
/// settings are recorded without secrets: an API key appears only as the name of its variable.
/// </summary>
/// <param name="SpecHash">The hash that identifies the run's spec (dataset, prompts, endpoints, scorers).</param>
/// <param name="DatasetHash">SHA-256 of the dataset file, or null where the file could not be read.</param>
/// <param name="Prompts">Each prompt's id, exact version hash and registry reference.</param>
/// <param name="Endpoints">Each endpoint's settings, without secrets.</param>
/// <param name="WorkbenchVersion">The version of Workbench that ran it.</param>
public sealed record RunProvenance(
    string SpecHash,
    string? DatasetHash,
    IReadOnlyList<PromptProvenance> Prompts,
    IReadOnlyList<EndpointProvenance> Endpoints,
    string WorkbenchVersion)
{
    /// <summary>The running Workbench's version.</summary>
    public static string CurrentVersion { get; } =
        typeof(RunProvenance).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "unknown";

    /// <summary>The provenance of a run of <paramref name="spec"/>.</summary>
    public static RunProvenance Of(EvalSpec spec, string specHash, string? datasetHash) => new(
        specHash,
        datasetHash,
        [.. spec.Prompts.Select(p => new PromptProvenance(p.Id, p.VersionHash, p.Reference?.ToString()))],
        [.. spec.Endpoints.Select(e => Describe(e, "variant")).Concat(spec.JudgeEndpoints.Select(e => Describe(e, "judge")))],
        CurrentVersion);

    private static EndpointProvenance Describe(EndpointSpec endpoint, string role) => new(
        endpoint.Id,
        endpoint.Type,
        endpoint.Model,
        role,
        endpoint.Parameters.OrderBy(p => p.Key, StringComparer.Ordinal).ToDictionary(p => p.Key, p => p.Value.ToString(), StringComparer.Ordinal),
        endpoint.Options.Where(o => o.Key is "base_url" or "latency" or "seed").OrderBy(o => o.Key, StringComparer.Ordinal).ToDictionary(o => o.Key, o => o.Value.ToString(), StringComparer.Ordinal),
        endpoint.ApiKeyEnvironmentVariable);
}

/// <summary>A prompt as a run used it.</summary>
/// <param name="Id">The prompt's id in the spec.</param>
/// <param name="Hash">The exact version hash.</param>
/// <param name="Reference">The registry reference (<c>NAME@label</c>) it came from, or null for inline text.</param>
public sealed record PromptProvenance(string Id, string Hash, string? Reference);

/// <summary>An endpoint as a run used it, without secrets.</summary>
/// <param name="Id">The endpoint's id.</param>
/// <param name="Type">openai, echo, replay or simulated.</param>
/// <param name="Model">The model name.</param>
/// <param name="Role">variant or judge.</param>
/// <param name="Parameters">The sampling parameters.</param>
/// <param name="Settings">The backend settings that shape answers (base_url, latency, seed).</param>
/// <param name="ApiKeyVariable">The name of the variable that held the key; never the key.</param>
public sealed record EndpointProvenance(
    string Id,
    string Type,
    string? Model,
    string Role,
    IReadOnlyDictionary<string, string> Parameters,
    IReadOnlyDictionary<string, string> Settings,
    string? ApiKeyVariable);
