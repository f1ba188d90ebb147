using System.Threading.Channels;

namespace Modelship.IntegrationTests.Infrastructure;

/// <summary>Enumerates an async stream in the background and lets a test take its items one at a time, with a timeout.</summary>
public sealed class EventRecorder<T> : IAsyncDisposable
{
    private readonly Channel<T> _events = Channel.CreateUnbounded<T>();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _pump;

    public EventRecorder(Func<CancellationToken, IAsyncEnumerable<T>> stream)
    {
        _pump = Task.Run(async () =>
        {
            try
            {
                await foreach (var item in stream(_stop.Token))
                {
                    await _events.Writer.WriteAsync(item);
                }

                _events.Writer.Complete();
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                _events.Writer.Complete();
            }
            catch (Exception e)
            {
                _events.Writer.Complete(e);
            }
        });
    }

    public async Task<T> NextAsync(TimeSpan? timeout = null)
    {
        using var cancel = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(30));
        try
        {
            return await _events.Reader.ReadAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"no event within {timeout ?? TimeSpan.FromSeconds(30)}");
        }
    }

    /// <summary>Takes events until one matches, returning all taken (the match last).</summary>
    public async Task<List<T>> UntilAsync(Func<T, bool> match, TimeSpan? timeout = null)
    {
        var taken = new List<T>();
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero)
            {
                throw new TimeoutException($"no matching event; saw {taken.Count}: {string.Join(", ", taken)}");
            }

            var next = await NextAsync(left);
            taken.Add(next);
            if (match(next))
            {
                return taken;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _pump;
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
    }
}
