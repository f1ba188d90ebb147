using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using k8s;
using k8s.Models;
using Modelship.Kubernetes.Models;

namespace Modelship.Operator.Controllers.ModelDeployment.Builders;

/// <summary>
/// A fingerprint of the desired object as the operator applies it, stored on the object. Comparing it with the live
/// object's annotation tells whether an apply would change anything without comparing against server defaults.
/// </summary>
public static class AppliedHash
{
    /// <summary>Sets <see cref="ChildMetadata.AppliedHashAnnotation"/> on <paramref name="desired"/> and returns the hash.</summary>
    public static string Stamp<T>(T desired, JsonSerializerOptions serializerOptions)
        where T : IKubernetesObject<V1ObjectMeta>
    {
        ArgumentNullException.ThrowIfNull(desired);
        var annotations = desired.Metadata.Annotations ?? new Dictionary<string, string>(StringComparer.Ordinal);
        annotations.Remove(ChildMetadata.AppliedHashAnnotation);
        desired.Metadata.Annotations = annotations.Count == 0 ? null : annotations;
        var json = JsonSerializer.Serialize(desired, serializerOptions);
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(json)))[..16];
        annotations[ChildMetadata.AppliedHashAnnotation] = hash;
        desired.Metadata.Annotations = annotations;
        return hash;
    }

    /// <summary>Whether <paramref name="live"/> exists and was last applied from the same desired object.</summary>
    public static bool Matches(IKubernetesObject<V1ObjectMeta>? live, string hash) =>
        live?.Metadata.Annotation(ChildMetadata.AppliedHashAnnotation) == hash;
}
