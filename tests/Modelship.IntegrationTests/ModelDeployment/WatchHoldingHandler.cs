namespace Modelship.IntegrationTests.ModelDeployment;

/// <summary>
/// Holds back what the API server sends on watches of one resource while <see cref="Hold"/> is in effect, as a slow
/// network or an overloaded watch would: the informer's cache falls behind the API server (its lists are not held,
/// so a relist would catch up at once). Released events arrive in order, as they were sent.
/// </summary>
/// <remarks>The innermost of the test's handlers: the client's pipeline links it to the connection pool.</remarks>
public sealed class WatchHoldingHandler(string resource) : DelegatingHandler
{
    private readonly Lock _lock = new();
    private TaskCompletionSource _released = Released();

    /// <summary>From now on, bytes read from the watches are handed on only after <see cref="Release"/>.</summary>
    public void Hold()
    {
        lock (_lock)
        {
            if (_released.Task.IsCompleted)
            {
                _released = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }
    }

    public void Release()
    {
        lock (_lock)
        {
            _released.TrySetResult();
        }
    }

    private Task WhenReleased()
    {
        lock (_lock)
        {
            return _released.Task;
        }
    }

    private static TaskCompletionSource Released()
    {
        var released = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        released.SetResult();
        return released;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        var uri = request.RequestUri;
        if (uri is not null && uri.AbsolutePath.EndsWith("/" + resource, StringComparison.Ordinal) && uri.Query.Contains("watch=true", StringComparison.Ordinal))
        {
            var held = new HeldContent(await response.Content.ReadAsStreamAsync(cancellationToken), WhenReleased);
            foreach (var header in response.Content.Headers)
            {
                held.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }
            response.Content = held;
        }
        return response;
    }

    private sealed class HeldContent(Stream body, Func<Task> whenReleased) : HttpContent
    {
        protected override Task<Stream> CreateContentReadStreamAsync() => Task.FromResult<Stream>(new HeldStream(body, whenReleased));

        protected override Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context) => new HeldStream(body, whenReleased).CopyToAsync(stream);

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                body.Dispose();
            }
            base.Dispose(disposing);
        }
    }

    /// <summary>Reads from the server at once, but hands the bytes on only once released.</summary>
    private sealed class HeldStream(Stream body, Func<Task> whenReleased) : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var read = await body.ReadAsync(buffer, cancellationToken);
            await whenReleased().WaitAsync(cancellationToken);
            return read;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer, offset, count).GetAwaiter().GetResult();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                body.Dispose();
            }
            base.Dispose(disposing);
        }
    }
}
