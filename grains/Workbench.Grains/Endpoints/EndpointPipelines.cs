using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Workbench.Evaluation.Specs;

namespace Workbench.Grains.Endpoints;

/// <summary>
/// This silo's endpoint pipelines, built on first use from an endpoint's configuration and shared by
/// every run on the silo that uses the same configuration, so their concurrency limits, rate limits and
/// circuit state hold across runs. It is a cache, not a registry: a pipeline is built from the
/// <see cref="EndpointSpec"/> that the run's plan carries, so any silo can build its own.
/// </summary>
/// <param name="cache">The response cache.</param>
/// <param name="timeProvider">The clock.</param>
/// <param name="environment">Reads environment variables (API keys); the process's by default.</param>
/// <param name="shares">This silo's shares of cluster-wide limits; by default the whole limits (one silo).</param>
/// <param name="grains">Reaches the local-model grains that serve <c>llama</c> endpoints; without it such endpoints are refused.</param>
public sealed class EndpointPipelines(
    IResponseCache? cache, TimeProvider timeProvider, Func<string, string?>? environment = null, EndpointShares? shares = null, IGrainFactory? grains = null) : IDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<EndpointPipeline>> _pipelines = new(StringComparer.Ordinal);
    private readonly Func<string, string?> _environment = environment ?? Environment.GetEnvironmentVariable;

    /// <summary>This silo's shares of cluster-wide endpoint limits.</summary>
    public EndpointShares Shares { get; } = shares ?? new EndpointShares();

    /// <summary>
    /// A key that changes whenever anything that shapes an answer or the pipeline changes. Runs of
    /// different specs that configure an endpoint alike share its pipeline, and so its limits; only a
    /// replay endpoint, whose file resolves against the spec's folder, is told apart by that folder.
    /// </summary>
    public static string KeyOf(EndpointSpec spec, string specFile, bool useCache)
    {
        var folder = spec.Type == "replay" ? Path.GetDirectoryName(Path.GetFullPath(specFile)) : "";
        var identity = $"{spec with { Line = 0 }}|{string.Join(",", spec.Parameters.OrderBy(p => p.Key, StringComparer.Ordinal))}|{string.Join(",", spec.Options.OrderBy(p => p.Key, StringComparer.Ordinal))}|{folder}|cache={useCache}";
        return $"{spec.Id}@{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(identity)))[..12]}";
    }

    /// <summary>The pipeline of <paramref name="spec"/>, built on first use.</summary>
    /// <exception cref="SpecException">The endpoint's settings are wrong (an unknown parameter, a missing key).</exception>
    public EndpointPipeline Get(EndpointSpec spec, string specFile, bool useCache)
    {
        var lazy = _pipelines.GetOrAdd(KeyOf(spec, specFile, useCache), _ => new Lazy<EndpointPipeline>(
            () => EndpointPipeline.Create(spec, specFile, useCache ? cache : null, timeProvider, _environment, Shares, grains)));
        try
        {
            return lazy.Value;
        }
        catch (SpecException)
        {
            // A bad configuration is not cached: the next run may have fixed it (a key set in the environment).
            _pipelines.TryRemove(new KeyValuePair<string, Lazy<EndpointPipeline>>(KeyOf(spec, specFile, useCache), lazy));
            throw;
        }
    }

    /// <summary>Builds and discards the pipeline of <paramref name="spec"/>, to report a bad configuration before a run starts.</summary>
    /// <exception cref="SpecException">The endpoint's settings are wrong.</exception>
    public void Check(EndpointSpec spec, string specFile) =>
        EndpointPipeline.Create(spec, specFile, null, timeProvider, _environment, null, grains).Dispose();

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var pipeline in _pipelines.Values.Where(p => p.IsValueCreated))
        {
            pipeline.Value.Dispose();
        }
        _pipelines.Clear();
    }
}
