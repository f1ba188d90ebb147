using System.Net.Sockets;
using System.Text;

namespace Modelship.Serving.Tests.Http;

/// <summary>An HTTP/1.1 answer read off a raw socket: status, headers (lower-case names) and body.</summary>
internal sealed record RawResponse(int Status, IReadOnlyDictionary<string, string> Headers, string Body);

/// <summary>
/// A real client that stalls: over a plain TCP connection it sends a POST's headers announcing a body, then only the
/// first part of that body, and waits for the server's answer.
/// </summary>
internal static class StalledBody
{
    public static async Task<RawResponse> SendAsync(Uri baseAddress, string path, int announcedLength, string sentPart, TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        using var client = new TcpClient();
        await client.ConnectAsync(baseAddress.Host, baseAddress.Port, cancel.Token);
        var stream = client.GetStream();
        var head = $"POST /{path} HTTP/1.1\r\nHost: {baseAddress.Authority}\r\nContent-Type: application/json\r\nContent-Length: {announcedLength}\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head + sentPart), cancel.Token);
        await stream.FlushAsync(cancel.Token);
        return await ReadResponseAsync(stream, cancel.Token);
    }

    private static async Task<RawResponse> ReadResponseAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        var received = new List<byte>();
        var buffer = new byte[4096];
        int headEnd;
        while ((headEnd = IndexOf(received, "\r\n\r\n"u8)) < 0)
        {
            var read = await stream.ReadAsync(buffer, cancellationToken);
            if (read == 0) throw new IOException($"the server closed the connection before answering: '{Encoding.ASCII.GetString(received.ToArray())}'");
            received.AddRange(buffer.AsSpan(0, read));
        }

        var lines = Encoding.ASCII.GetString(received.GetRange(0, headEnd).ToArray()).Split("\r\n");
        var status = int.Parse(lines[0].Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
        var headers = lines.Skip(1).Select(l => l.Split(':', 2)).ToDictionary(p => p[0].Trim().ToLowerInvariant(), p => p[1].Trim());
        var length = headers.TryGetValue("content-length", out var text) ? int.Parse(text, System.Globalization.CultureInfo.InvariantCulture) : 0;
        var body = received.Skip(headEnd + 4).ToList();
        while (body.Count < length)
        {
            var read = await stream.ReadAsync(buffer, cancellationToken);
            if (read == 0) break;
            body.AddRange(buffer.AsSpan(0, read));
        }

        return new RawResponse(status, headers, Encoding.UTF8.GetString(body.ToArray()));
    }

    private static int IndexOf(List<byte> bytes, ReadOnlySpan<byte> pattern)
    {
        for (var i = 0; i + pattern.Length <= bytes.Count; i++)
        {
            var match = true;
            for (var j = 0; match && j < pattern.Length; j++) match = bytes[i + j] == pattern[j];
            if (match) return i;
        }

        return -1;
    }
}
