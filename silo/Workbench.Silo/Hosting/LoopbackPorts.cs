using System.Net;
using System.Net.Sockets;

namespace Workbench.Silo.Hosting;

/// <summary>Free ports on the loopback interface, for silos that must not clash with another on the same machine.</summary>
public static class LoopbackPorts
{
    /// <summary>A loopback port nothing listens on now; the caller binds it a moment later.</summary>
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
