using System.Net.Sockets;
using Workbench.Grains.Runs;

namespace Workbench.Grains.Tests.Runs;

public sealed class TransientRetryTests
{
    [Fact]
    public void A_connection_failure_is_transient_also_when_grain_storage_wraps_it()
    {
        // Orleans' grain storage reports a database that went away as an OrleansException around the driver's error.
        Assert.True(TransientRetry.IsTransient(new OrleansException("Error from storage provider during WriteStateAsync", new IOException("connection reset"))));
        Assert.True(TransientRetry.IsTransient(new OrleansException("outer", new InvalidOperationException("middle", new SocketException()))));
        Assert.True(TransientRetry.IsTransient(new TimeoutException()));

        Assert.False(TransientRetry.IsTransient(new OrleansException("Error from storage provider", new ArgumentException("bad state"))));
        Assert.False(TransientRetry.IsTransient(new InvalidOperationException("no inner")));
        Assert.False(TransientRetry.IsTransient(new OperationCanceledException("stopped", new IOException())));
    }
}
