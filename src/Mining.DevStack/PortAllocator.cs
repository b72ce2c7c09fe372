using System.Net;
using System.Net.Sockets;

namespace Mining.DevStack;

/// <summary>Chooses loopback ports: the preferred one when it is free, otherwise one the OS hands out.</summary>
internal sealed class PortAllocator
{
    private readonly HashSet<int> _chosen = [];

    public void Reserve(int port) => _chosen.Add(port);

    public int Choose(int preferred)
    {
        if (preferred > 0 && !_chosen.Contains(preferred) && IsFree(preferred))
        {
            _chosen.Add(preferred);
            return preferred;
        }

        while (true)
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            listener.Stop();
            if (_chosen.Add(port))
            {
                return port;
            }
        }
    }

    public static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            listener.Stop();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
