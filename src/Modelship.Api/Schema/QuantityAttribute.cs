namespace Modelship.Api.Schema;

/// <summary>
/// The property (or, on a map, each value) is a Kubernetes resource quantity such as <c>500m</c>, <c>2Gi</c> or
/// <c>1</c>: an integer or a string (<c>x-kubernetes-int-or-string</c>) matching the quantity syntax.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class QuantityAttribute : Attribute
{
    /// <summary>The quantity syntax of k8s.io/apimachinery's resource.Quantity.</summary>
    public const string Pattern = @"^(\+|-)?(([0-9]+(\.[0-9]*)?)|(\.[0-9]+))(([KMGTPE]i)|[numkMGTPE]|([eE](\+|-)?(([0-9]+(\.[0-9]*)?)|(\.[0-9]+))))?$";
}
