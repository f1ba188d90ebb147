using System.Net;
using System.Net.Sockets;

namespace Modelship.Serving.Fetch;

/// <summary>
/// Downloads a model over HTTP(S) into a file, refusing private addresses at connect time (so neither DNS
/// rebinding nor a redirect can reach them) and stopping at the size cap.
/// </summary>
public static class HttpModelDownloader
{
    public static async Task DownloadAsync(FetchOptions options, string targetFile, CancellationToken cancellationToken)
    {
        using var handler = new SocketsHttpHandler
        {
            ConnectCallback = (context, ct) => ConnectAsync(context, options.AllowPrivateNetworks, ct),
            AllowAutoRedirect = true,
            MaxAutomaticRedirections = 5,
            AutomaticDecompression = DecompressionMethods.None,
        };
        using var http = new HttpClient(handler) { Timeout = options.Timeout };
        using var response = await http.GetAsync(options.Source, HttpCompletionOption.ResponseHeadersRead, cancellationToken)
            .ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new FetchException($"GET {Redact(options.Source)} answered {(int)response.StatusCode} {response.ReasonPhrase}");
        }

        if (response.Content.Headers.ContentLength > options.MaxBytes)
        {
            throw new FetchException($"{Redact(options.Source)} is {response.Content.Headers.ContentLength} bytes, over the limit of {options.MaxBytes} bytes");
        }

        var source = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (source.ConfigureAwait(false))
        {
            var target = File.Create(targetFile);
            await using (target.ConfigureAwait(false))
            {
                await LimitedCopy.CopyAsync(source, target, options.MaxBytes, Redact(options.Source), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, bool allowPrivate, CancellationToken cancellationToken)
    {
        var addresses = IPAddress.TryParse(context.DnsEndPoint.Host, out var literal)
            ? [literal]
            : await Dns.GetHostAddressesAsync(context.DnsEndPoint.Host, cancellationToken).ConfigureAwait(false);
        var allowed = addresses.Where(address => allowPrivate || !NetworkAddressPolicy.IsPrivate(address)).ToArray();
        if (allowed.Length == 0)
        {
            throw new FetchException(
                $"{context.DnsEndPoint.Host} resolves only to private, loopback or link-local addresses ({string.Join(", ", addresses.Select(a => a.ToString()))}); "
                + "pass --allow-private-networks to fetch from inside the cluster network");
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(allowed, context.DnsEndPoint.Port, cancellationToken).ConfigureAwait(false);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>The URI without user info or query, which may carry credentials.</summary>
    public static string Redact(Uri uri) => uri.GetLeftPart(UriPartial.Path).Replace(uri.UserInfo + "@", "", StringComparison.Ordinal);
}
