using System.Net;
using System.Net.Sockets;

namespace Modelship.Registry.Tests.Servers;

internal static class ClosedPort
{
    /// <summary>A loopback port that was free a moment ago and has no listener now: connections to it are refused.</summary>
    public static int Find()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
