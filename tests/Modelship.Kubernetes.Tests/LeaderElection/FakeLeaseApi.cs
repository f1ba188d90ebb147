using System.Net;
using System.Text.Json;
using k8s.Models;
using Modelship.Kubernetes.Models;
using Modelship.Kubernetes.Tests.Fakes;

namespace Modelship.Kubernetes.Tests.LeaderElection;

/// <summary>An in-memory Lease endpoint with resourceVersion checks, for a <see cref="FakeHttpHandler"/>.</summary>
internal sealed class FakeLeaseApi
{
    private const string Collection = "/apis/coordination.k8s.io/v1/namespaces/ns/leases";
    private readonly Lock _lock = new();
    private V1Lease? _lease;
    private int _version;

    public FakeLeaseApi()
    {
        Handler = new FakeHttpHandler(Respond);
    }

    public FakeHttpHandler Handler { get; }

    /// <summary>Every request fails with 500 (API server unreachable in effect).</summary>
    public bool Unavailable { get; set; }

    /// <summary>The next write fails with 409 Conflict, as if another candidate wrote first.</summary>
    public bool ConflictOnNextWrite { get; set; }

    public int Writes { get; private set; }

    public V1Lease? Current
    {
        get
        {
            lock (_lock)
            {
                return _lease is null ? null : Clone(_lease);
            }
        }
    }

    /// <summary>Writes the lease as another process would.</summary>
    public void Put(V1LeaseSpec spec)
    {
        lock (_lock)
        {
            _lease = new V1Lease { Metadata = new V1ObjectMeta { NamespaceProperty = "ns", Name = "lock" }, Spec = spec };
            _lease.Metadata.ResourceVersion = (++_version).ToString();
        }
    }

    private HttpResponseMessage Respond(FakeHttpHandler.RecordedRequest request)
    {
        lock (_lock)
        {
            if (Unavailable)
            {
                return Status(HttpStatusCode.InternalServerError, "InternalError");
            }

            var path = request.Uri.AbsolutePath;
            if (request.Method == HttpMethod.Get && path == $"{Collection}/lock")
            {
                return _lease is null ? Status(HttpStatusCode.NotFound, "NotFound") : Ok(_lease);
            }

            if (request.Method == HttpMethod.Post && path == Collection)
            {
                if (_lease is not null)
                {
                    return Status(HttpStatusCode.Conflict, "AlreadyExists");
                }

                return Write(request, HttpStatusCode.Created);
            }

            if (request.Method == HttpMethod.Put && path == $"{Collection}/lock")
            {
                var sent = JsonSerializer.Deserialize<V1Lease>(request.Body!, KubernetesJsonOptions.Default)!;
                if (_lease is null || sent.Metadata.ResourceVersion != _lease.Metadata.ResourceVersion)
                {
                    return Status(HttpStatusCode.Conflict, "Conflict");
                }

                return Write(request, HttpStatusCode.OK);
            }

            return Status(HttpStatusCode.NotFound, "NotFound");
        }
    }

    private HttpResponseMessage Write(FakeHttpHandler.RecordedRequest request, HttpStatusCode success)
    {
        if (ConflictOnNextWrite)
        {
            ConflictOnNextWrite = false;
            return Status(HttpStatusCode.Conflict, "Conflict");
        }

        var lease = JsonSerializer.Deserialize<V1Lease>(request.Body!, KubernetesJsonOptions.Default)!;
        lease.Metadata.ResourceVersion = (++_version).ToString();
        _lease = lease;
        Writes++;
        return Ok(lease, success);
    }

    private static HttpResponseMessage Ok(V1Lease lease, HttpStatusCode code = HttpStatusCode.OK) =>
        FakeHttpHandler.Json(code, JsonSerializer.Serialize(lease, KubernetesJsonOptions.Default));

    private static HttpResponseMessage Status(HttpStatusCode code, string reason) =>
        FakeHttpHandler.Json(code, $$"""{"kind":"Status","apiVersion":"v1","status":"Failure","reason":"{{reason}}","code":{{(int)code}}}""");

    private static V1Lease Clone(V1Lease lease) =>
        JsonSerializer.Deserialize<V1Lease>(JsonSerializer.Serialize(lease, KubernetesJsonOptions.Default), KubernetesJsonOptions.Default)!;
}
