using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;
using Modelship.Kubernetes.Models;
using Modelship.Kubernetes.Watch;

namespace Modelship.Kubernetes.Client;

/// <summary>
/// The verbs for one kind. <c>ns</c> is the namespace: required for namespaced kinds when addressing one object,
/// null for cluster-scoped kinds; for list and watch, null on a namespaced kind means all namespaces.
/// </summary>
public sealed class ResourceClient<T>
    where T : class, IKubernetesObject<V1ObjectMeta>
{
    private const string MergePatchContentType = "application/merge-patch+json";
    private const string ApplyPatchContentType = "application/apply-patch+yaml";
    private const string JsonContentType = "application/json";

    private readonly KubernetesTransport _transport;
    private readonly JsonTypeInfo<T> _objectType;
    private readonly JsonTypeInfo<KubernetesList<T>> _listType;
    private readonly string _defaultFieldManager;
    private readonly ILoggerFactory _loggerFactory;

    internal ResourceClient(
        KubernetesTransport transport,
        ResourceType resource,
        JsonTypeInfo<T> objectType,
        JsonTypeInfo<KubernetesList<T>> listType,
        string defaultFieldManager,
        ILoggerFactory loggerFactory)
    {
        _loggerFactory = loggerFactory;
        _transport = transport;
        Resource = resource;
        _objectType = objectType;
        _listType = listType;
        _defaultFieldManager = defaultFieldManager;
    }

    public ResourceType Resource { get; }

    public async Task<T> GetAsync(string? ns, string name, CancellationToken cancellationToken = default) =>
        WithTypeMeta(await _transport.SendAsync(ApiVerb.Get, HttpMethod.Get, ResourcePaths.Item(Resource, ns, name), null, _objectType, cancellationToken)
            .ConfigureAwait(false));

    /// <summary>The object, or null when it does not exist.</summary>
    public async Task<T?> GetOrNullAsync(string? ns, string name, CancellationToken cancellationToken = default)
    {
        try
        {
            return await GetAsync(ns, name, cancellationToken).ConfigureAwait(false);
        }
        catch (KubernetesApiException ex) when (ex.IsNotFound)
        {
            return null;
        }
    }

    /// <summary>One page; follow <c>Metadata.Continue</c> for the next one, or use <see cref="ListAllAsync"/>.</summary>
    public async Task<KubernetesList<T>> ListAsync(string? ns, ListOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new ListOptions();
        var query = new QueryString()
            .Add("labelSelector", options.LabelSelector)
            .Add("fieldSelector", options.FieldSelector)
            .Add("limit", options.Limit)
            .Add("continue", options.Continue)
            .Add("resourceVersion", options.ResourceVersion);
        var list = await _transport.SendAsync(
            ApiVerb.List, HttpMethod.Get, ResourcePaths.Collection(Resource, ns) + query, null, _listType, cancellationToken).ConfigureAwait(false);
        foreach (var item in list.Items)
        {
            WithTypeMeta(item);
        }

        return list;
    }

    /// <summary>
    /// Every item, fetched in pages of <paramref name="pageSize"/>. All pages come from one consistent snapshot, whose
    /// resourceVersion the result carries (watch from it). An expired continue token surfaces as a Gone error.
    /// </summary>
    public async Task<KubernetesList<T>> ListAllAsync(
        string? ns, ListOptions? options = null, int pageSize = 500, CancellationToken cancellationToken = default)
    {
        options = (options ?? new ListOptions()) with { Limit = pageSize, Continue = null };
        var result = await ListAsync(ns, options, cancellationToken).ConfigureAwait(false);
        var next = result.Metadata.ContinueProperty;
        while (!string.IsNullOrEmpty(next))
        {
            // Continue pages must not carry a resourceVersion: the token pins the snapshot.
            var page = await ListAsync(ns, options with { Continue = next, ResourceVersion = null }, cancellationToken).ConfigureAwait(false);
            foreach (var item in page.Items)
            {
                result.Items.Add(item);
            }

            next = page.Metadata.ContinueProperty;
        }

        result.Metadata.ContinueProperty = null;
        result.Metadata.RemainingItemCount = null;
        return result;
    }

    public async Task<T> CreateAsync(T obj, bool dryRun = false, CancellationToken cancellationToken = default)
    {
        var query = new QueryString().Add("fieldManager", _defaultFieldManager).Add("dryRun", dryRun ? "All" : null);
        return WithTypeMeta(await _transport.SendAsync(
            ApiVerb.Create, HttpMethod.Post, ResourcePaths.Collection(Resource, obj.Metadata.NamespaceProperty) + query,
            JsonBody(obj), _objectType, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>PUT: replaces the object; fails with Conflict when <c>metadata.resourceVersion</c> is stale.</summary>
    public Task<T> ReplaceAsync(T obj, CancellationToken cancellationToken = default) => ReplaceCoreAsync(obj, null, cancellationToken);

    public Task<T> ReplaceStatusAsync(T obj, CancellationToken cancellationToken = default) => ReplaceCoreAsync(obj, "status", cancellationToken);

    /// <summary>JSON merge patch (RFC 7386): objects merge, <c>null</c> deletes a field, arrays are replaced whole.</summary>
    public Task<T> MergePatchAsync(string? ns, string name, JsonNode patch, CancellationToken cancellationToken = default) =>
        MergePatchCoreAsync(ns, name, patch, null, _defaultFieldManager, cancellationToken);

    /// <summary>A JSON merge patch recorded under <paramref name="fieldManager"/> in managedFields (e.g. a controller
    /// that changes a few fields of an object people own).</summary>
    public Task<T> MergePatchAsync(string? ns, string name, JsonNode patch, string fieldManager, CancellationToken cancellationToken = default) =>
        MergePatchCoreAsync(ns, name, patch, null, fieldManager, cancellationToken);

    public Task<T> MergePatchStatusAsync(string? ns, string name, JsonNode patch, CancellationToken cancellationToken = default) =>
        MergePatchCoreAsync(ns, name, patch, "status", _defaultFieldManager, cancellationToken);

    /// <summary>
    /// Server-side apply: send only the fields you own (with apiVersion, kind, name and namespace); the server merges
    /// them and records ownership under the field manager.
    /// </summary>
    public Task<T> ApplyAsync(T obj, ApplyOptions? options = null, CancellationToken cancellationToken = default) =>
        ApplyCoreAsync(obj, options, null, cancellationToken);

    public Task<T> ApplyStatusAsync(T obj, ApplyOptions? options = null, CancellationToken cancellationToken = default) =>
        ApplyCoreAsync(obj, options, "status", cancellationToken);

    public async Task<T> GetStatusAsync(string? ns, string name, CancellationToken cancellationToken = default) =>
        WithTypeMeta(await _transport.SendAsync(
            ApiVerb.Get, HttpMethod.Get, ResourcePaths.Item(Resource, ns, name, "status"), null, _objectType, cancellationToken).ConfigureAwait(false));

    /// <summary>
    /// Deletes the object. With finalizers or foreground propagation it lingers with a deletionTimestamp until
    /// they are done. A repeated attempt after a lost answer can report NotFound.
    /// </summary>
    public async Task DeleteAsync(string? ns, string name, DeleteOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new DeleteOptions();
        var body = new V1DeleteOptions
        {
            ApiVersion = "v1",
            Kind = "DeleteOptions",
            PropagationPolicy = options.PropagationPolicy?.ToString(),
            GracePeriodSeconds = options.GracePeriodSeconds,
            DryRun = options.DryRun ? ["All"] : null,
            Preconditions = options.PreconditionUid is null && options.PreconditionResourceVersion is null
                ? null
                : new V1Preconditions { Uid = options.PreconditionUid, ResourceVersion = options.PreconditionResourceVersion },
        };
        var bytes = JsonSerializer.SerializeToUtf8Bytes(body, KubernetesJsonContext.Default.V1DeleteOptions);

        // The answer is the object (still terminating) or a Status; neither is needed by callers.
        await _transport.SendAsync(
            ApiVerb.Delete, HttpMethod.Delete, ResourcePaths.Item(Resource, ns, name),
            new KubernetesTransport.Body(bytes, JsonContentType), KubernetesJsonContext.Default.JsonElement, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// One watch connection. Ends when the server closes the stream; a 410 on connect throws a Gone
    /// <see cref="KubernetesApiException"/>, a 410 later arrives as an Error event. See <see cref="ListWatcher{T}"/>
    /// for the resuming loop.
    /// </summary>
    public async IAsyncEnumerable<WatchEvent<T>> WatchAsync(
        string? ns, WatchOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        options ??= new WatchOptions();
        var query = new QueryString()
            .Add("watch", true)
            .Add("allowWatchBookmarks", options.AllowWatchBookmarks ? true : null)
            .Add("labelSelector", options.LabelSelector)
            .Add("fieldSelector", options.FieldSelector)
            .Add("resourceVersion", options.ResourceVersion)
            .Add("timeoutSeconds", options.TimeoutSeconds);
        using var response = await _transport.OpenStreamAsync(ResourcePaths.Collection(Resource, ns) + query, cancellationToken).ConfigureAwait(false);
        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            await foreach (var watchEvent in WatchStreamDecoder.ReadAsync(stream, _objectType, cancellationToken).ConfigureAwait(false))
            {
                if (watchEvent.Object is not null)
                {
                    WithTypeMeta(watchEvent.Object);
                }

                yield return watchEvent;
            }
        }
    }

    /// <summary>A list-then-watch loop for this kind; nothing happens until it is enumerated.</summary>
    public ListWatcher<T> ListWatch(string? ns, ListWatcherOptions? options = null) =>
        new(this, ns, options, _loggerFactory.CreateLogger<ListWatcher<T>>());

    private async Task<T> ReplaceCoreAsync(T obj, string? subresource, CancellationToken cancellationToken)
    {
        var name = RequireName(obj);
        var query = new QueryString().Add("fieldManager", _defaultFieldManager);
        return WithTypeMeta(await _transport.SendAsync(
            ApiVerb.Replace, HttpMethod.Put, ResourcePaths.Item(Resource, obj.Metadata.NamespaceProperty, name, subresource) + query,
            JsonBody(obj), _objectType, cancellationToken).ConfigureAwait(false));
    }

    private async Task<T> MergePatchCoreAsync(string? ns, string name, JsonNode patch, string? subresource, string fieldManager, CancellationToken cancellationToken)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(patch, KubernetesJsonContext.Default.JsonNode);
        var query = new QueryString().Add("fieldManager", fieldManager);
        return WithTypeMeta(await _transport.SendAsync(
            ApiVerb.MergePatch, HttpMethod.Patch, ResourcePaths.Item(Resource, ns, name, subresource) + query,
            new KubernetesTransport.Body(bytes, MergePatchContentType), _objectType, cancellationToken).ConfigureAwait(false));
    }

    private async Task<T> ApplyCoreAsync(T obj, ApplyOptions? options, string? subresource, CancellationToken cancellationToken)
    {
        var name = RequireName(obj);
        options ??= new ApplyOptions();
        WithTypeMeta(obj);
        var query = new QueryString()
            .Add("fieldManager", options.FieldManager ?? _defaultFieldManager)
            .Add("force", options.Force ? true : null)
            .Add("dryRun", options.DryRun ? "All" : null);

        // JSON is YAML, so the apply body is the object serialized as JSON under the apply-patch+yaml type.
        var bytes = JsonSerializer.SerializeToUtf8Bytes(obj, _objectType);
        return WithTypeMeta(await _transport.SendAsync(
            ApiVerb.Apply, HttpMethod.Patch, ResourcePaths.Item(Resource, obj.Metadata.NamespaceProperty, name, subresource) + query,
            new KubernetesTransport.Body(bytes, ApplyPatchContentType), _objectType, cancellationToken).ConfigureAwait(false));
    }

    private KubernetesTransport.Body JsonBody(T obj) => new(JsonSerializer.SerializeToUtf8Bytes(WithTypeMeta(obj), _objectType), JsonContentType);

    private static string RequireName(T obj) =>
        string.IsNullOrEmpty(obj.Metadata.Name) ? throw new ArgumentException("metadata.name is required.", nameof(obj)) : obj.Metadata.Name;

    /// <summary>Items of a list arrive without apiVersion and kind; fill them so objects are self-describing.</summary>
    private T WithTypeMeta(T obj)
    {
        if (string.IsNullOrEmpty(obj.ApiVersion))
        {
            obj.ApiVersion = Resource.ApiVersion;
        }

        if (string.IsNullOrEmpty(obj.Kind))
        {
            obj.Kind = Resource.Kind;
        }

        return obj;
    }
}
