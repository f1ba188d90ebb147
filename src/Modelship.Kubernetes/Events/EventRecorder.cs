using System.Globalization;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Modelship.Kubernetes.Client;
using Modelship.Kubernetes.Models;

namespace Modelship.Kubernetes.Events;

/// <summary>
/// Writes core/v1 Events on the involved object. A repeat of the same event (same object, type, reason and message)
/// bumps <c>count</c> and <c>lastTimestamp</c> of the Event written before instead of creating another; the recent
/// ones are kept in a small LRU cache, and when the cached Event is gone (expired, deleted) a new one is created.
/// Writes are serialized so that concurrent repeats aggregate too.
/// </summary>
public sealed class EventRecorder : IEventRecorder, IDisposable
{
    private readonly ResourceClient<Corev1Event> _events;
    private readonly EventRecorderOptions _options;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly LruCache<AggregationKey, WrittenEvent> _recent;
    private long _lastNameNanos;

    public EventRecorder(KubernetesClient client, EventRecorderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        _events = client.For<Corev1Event>();
        _options = options ?? new EventRecorderOptions();
        _logger = (_options.LoggerFactory ?? NullLoggerFactory.Instance).CreateLogger<EventRecorder>();
        _recent = new LruCache<AggregationKey, WrittenEvent>(_options.AggregationCacheSize);
    }

    public async Task RecordAsync(
        IKubernetesObject<V1ObjectMeta> involved, EventType type, string reason, string message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(involved);
        try
        {
            await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                await WriteAsync(involved, type, reason, message, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                _gate.Release();
            }
        }
        catch (Exception ex)
        {
            EventRecorderLog.RecordFailed(
                _logger, type.ToString(), reason, involved.Kind, $"{involved.Metadata.NamespaceProperty}/{involved.Metadata.Name}", ex.Message);
        }
    }

    public void Dispose() => _gate.Dispose();

    private async Task WriteAsync(IKubernetesObject<V1ObjectMeta> involved, EventType type, string reason, string message, CancellationToken cancellationToken)
    {
        var key = new AggregationKey(
            involved.ApiVersion, involved.Kind, involved.Metadata.NamespaceProperty, involved.Metadata.Name, involved.Metadata.Uid, type, reason, message);
        var now = _options.TimeProvider.GetUtcNow();
        if (_recent.TryGet(key, out var written))
        {
            try
            {
                var count = written.Count + 1;
                var patch = new JsonObject
                {
                    ["count"] = count,
                    ["lastTimestamp"] = now.UtcDateTime.ToString("yyyy'-'MM'-'dd'T'HH':'mm':'ss'Z'", CultureInfo.InvariantCulture),
                };
                await _events.MergePatchAsync(written.Namespace, written.Name, patch, cancellationToken).ConfigureAwait(false);
                _recent.Set(key, written with { Count = count });
                return;
            }
            catch (KubernetesApiException ex) when (ex.IsNotFound)
            {
                _recent.Remove(key);
            }
        }

        var created = await _events.CreateAsync(NewEvent(involved, type, reason, message, now), cancellationToken: cancellationToken)
            .ConfigureAwait(false);
        _recent.Set(key, new WrittenEvent(created.Metadata.NamespaceProperty!, created.Metadata.Name!, created.Count ?? 1));
    }

    private Corev1Event NewEvent(IKubernetesObject<V1ObjectMeta> involved, EventType type, string reason, string message, DateTimeOffset now) => new()
    {
        Metadata = new V1ObjectMeta
        {
            Name = $"{involved.Metadata.Name}.{NextNameSuffix(now):x}",
            NamespaceProperty = string.IsNullOrEmpty(involved.Metadata.NamespaceProperty) ? "default" : involved.Metadata.NamespaceProperty,
        },
        InvolvedObject = new V1ObjectReference
        {
            ApiVersion = involved.ApiVersion,
            Kind = involved.Kind,
            NamespaceProperty = involved.Metadata.NamespaceProperty,
            Name = involved.Metadata.Name,
            Uid = involved.Metadata.Uid,
            ResourceVersion = involved.Metadata.ResourceVersion,
        },
        Reason = reason,
        Message = message,
        Type = type.ToString(),
        Source = new V1EventSource { Component = _options.Component, Host = _options.Instance },
        ReportingComponent = _options.Component,
        ReportingInstance = _options.Instance ?? "",
        FirstTimestamp = now.UtcDateTime,
        LastTimestamp = now.UtcDateTime,
        Count = 1,
    };

    /// <summary>Nanoseconds since the epoch, as client-go names events, made strictly increasing so names never collide.</summary>
    private long NextNameSuffix(DateTimeOffset now)
    {
        var nanos = (now.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) * 100;
        _lastNameNanos = Math.Max(nanos, _lastNameNanos + 1);
        return _lastNameNanos;
    }

    private sealed record AggregationKey(
        string ApiVersion, string Kind, string? Namespace, string? Name, string? Uid, EventType Type, string Reason, string Message);

    private sealed record WrittenEvent(string Namespace, string Name, int Count);
}
