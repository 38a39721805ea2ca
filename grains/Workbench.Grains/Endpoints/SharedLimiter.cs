using System.Threading.RateLimiting;

namespace Workbench.Grains.Endpoints;

/// <summary>
/// A limiter sized to this silo's share of a cluster-wide limit, rebuilt when the share changes.
/// Calls already holding or waiting for a permit of the old limiter finish under it; new calls take
/// permits from the new one.
/// </summary>
internal sealed class SharedLimiter(int limit, EndpointShares shares, Func<int, RateLimiter> build) : IDisposable
{
    private readonly Lock _lock = new();
    private readonly List<RateLimiter> _retired = [];
    private RateLimiter? _current;
    private int _version = -1;

    /// <summary>The limiter for this silo's current share.</summary>
    public RateLimiter Current
    {
        get
        {
            var version = shares.Version;
            if (Volatile.Read(ref _version) == version && _current is { } current)
            {
                return current;
            }
            lock (_lock)
            {
                if (_version != version || _current is null)
                {
                    if (_current is not null)
                    {
                        _retired.Add(_current);
                    }
                    _current = build(shares.ShareOf(limit));
                    Volatile.Write(ref _version, version);
                }
                return _current;
            }
        }
    }

    /// <summary>This silo's share now.</summary>
    public int Share => shares.ShareOf(limit);

    /// <inheritdoc />
    public void Dispose()
    {
        lock (_lock)
        {
            _current?.Dispose();
            foreach (var limiter in _retired)
            {
                limiter.Dispose();
            }
        }
    }
}
