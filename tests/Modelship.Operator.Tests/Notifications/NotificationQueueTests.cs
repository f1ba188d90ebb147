using System.Diagnostics.Metrics;
using k8s.Models;
using Modelship.Api.V1Alpha1;
using Modelship.Operator.Notifications;
using MD = Modelship.Api.V1Alpha1.ModelDeployment;

namespace Modelship.Operator.Tests.Notifications;

public sealed class NotificationQueueTests
{
    private static NotificationWork Work(NotificationEvent notificationEvent) => new(
        new MD { Metadata = new V1ObjectMeta { Name = "iris", NamespaceProperty = "ns" }, Spec = new ModelDeploymentSpec { Model = new ModelSpec { Uri = "https://m/v1.onnx", Version = "v1" } } },
        new NotificationSpec { Name = "n", Events = [notificationEvent], Webhook = new WebhookSpec { Url = "http://h" } },
        new NotificationTrigger(notificationEvent, "v1", "r", "m"),
        DateTimeOffset.UnixEpoch);

    [Fact]
    public void A_full_queue_drops_without_waiting_and_counts_it()
    {
        using var metrics = new NotificationMetrics();
        var seen = new Dictionary<(string?, string?), long>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter == metrics.Meter)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            string? e = null, r = null;
            foreach (var tag in tags)
            {
                (e, r) = tag.Key == "event" ? (tag.Value?.ToString(), r) : (e, tag.Value?.ToString());
            }
            seen[(e, r)] = value;
        });
        listener.Start();
        var queue = new NotificationQueue(metrics, capacity: 2);

        queue.TryEnqueue(Work(NotificationEvent.Drifting)).Should().BeTrue();
        queue.TryEnqueue(Work(NotificationEvent.Drifting)).Should().BeTrue();
        queue.TryEnqueue(Work(NotificationEvent.Drifting)).Should().BeFalse();

        listener.RecordObservableInstruments();
        seen[("Drifting", NotificationMetrics.Dropped)].Should().Be(1);
        seen[("Drifting", NotificationMetrics.Sent)].Should().Be(0);
        seen.Should().HaveCount(Enum.GetValues<NotificationEvent>().Length * NotificationMetrics.Results.Count, "every event and result is a series from 0");
    }
}
