namespace Workbench.Evaluation.Specs;

/// <summary>A model endpoint: its backend, its sampling parameters, and the limits its pipeline enforces.</summary>
/// <param name="Id">The id prompts and scorers refer to.</param>
/// <param name="Type">openai, echo, replay or simulated.</param>
/// <param name="Model">The model name sent to the backend.</param>
/// <param name="Parameters">Sampling parameters (temperature, top_p, max_tokens, seed, ...), part of the cache key.</param>
/// <param name="Options">Settings of the backend type (base_url, file, latency, errors, ...).</param>
/// <param name="MaxConcurrency">Calls in flight at once.</param>
/// <param name="RequestsPerMinute">RPM limit, or null.</param>
/// <param name="TokensPerMinute">TPM limit, or null.</param>
/// <param name="Timeout">Per-call timeout.</param>
/// <param name="Retries">Retries after the first attempt.</param>
/// <param name="Price">Price per 1k tokens, or null when free.</param>
/// <param name="ApiKeyEnvironmentVariable">The variable holding the API key; the key itself never appears in a spec.</param>
/// <param name="Line">Where the endpoint is defined.</param>
/// <param name="LimitScope">Whether the limits hold for the whole cluster (the default) or for each silo alone.</param>
public sealed record EndpointSpec(
    string Id,
    string Type,
    string? Model,
    IReadOnlyDictionary<string, SpecValue> Parameters,
    IReadOnlyDictionary<string, SpecValue> Options,
    int MaxConcurrency,
    int? RequestsPerMinute,
    int? TokensPerMinute,
    TimeSpan Timeout,
    int Retries,
    Price? Price,
    string? ApiKeyEnvironmentVariable,
    int Line,
    LimitScope LimitScope = LimitScope.Cluster);
