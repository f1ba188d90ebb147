using System.Threading.Channels;

namespace Modelship.Operator.Notifications;

/// <summary>
/// What reconcilers hand notifications to: a bounded channel, so a reconcile never waits for a receiver and memory
/// stays bounded. When it is full the notification is dropped and counted (<see cref="NotificationMetrics.Dropped"/>);
/// status and Events still show what happened.
/// </summary>
public sealed class NotificationQueue(NotificationMetrics metrics, int capacity = NotificationQueue.DefaultCapacity)
{
    public const int DefaultCapacity = 1000;

    private readonly Channel<NotificationWork> _channel = Channel.CreateBounded<NotificationWork>(new BoundedChannelOptions(capacity)
    {
        FullMode = BoundedChannelFullMode.Wait,
        SingleReader = true,
    });

    internal ChannelReader<NotificationWork> Reader => _channel.Reader;

    /// <summary>Queues <paramref name="work"/> without waiting; false (and counted as dropped) when the queue is full.</summary>
    public bool TryEnqueue(NotificationWork work)
    {
        ArgumentNullException.ThrowIfNull(work);
        if (_channel.Writer.TryWrite(work))
        {
            return true;
        }
        metrics.Count(work.Trigger.Event, NotificationMetrics.Dropped);
        return false;
    }
}
