using k8s;
using k8s.Models;
using Modelship.Api.Conditions;
using Modelship.Kubernetes.Controllers;
using Modelship.Kubernetes.Informers;
using Modelship.Kubernetes.Models;
using MD = Modelship.Api.V1Alpha1.ModelDeployment;
using PipelineResource = Modelship.Api.V1Alpha1.Pipeline;

namespace Modelship.Operator.Controllers.Pipeline;

/// <summary>
/// From a ModelDeployment to the Pipelines that refer to it: the Pipeline cache's namespace index, narrowed to the
/// Pipelines whose steps name it (<see cref="PipelineModels.ReferencedModelDeployments"/>). Reading the cache at
/// event time keeps the mapping exactly as current as the cache: a Pipeline that starts referring to a
/// ModelDeployment is reconciled by its own change, and one that stops is not woken by it any more.
/// </summary>
public static class ModelDeploymentReferences
{
    public static IEnumerable<ObjectKey> PipelinesReferencing(ObjectCache<PipelineResource> pipelines, MD modelDeployment)
    {
        ArgumentNullException.ThrowIfNull(pipelines);
        ArgumentNullException.ThrowIfNull(modelDeployment);
        if (modelDeployment.Metadata.NamespaceProperty is not { } ns || modelDeployment.Metadata.Name is not { } name)
        {
            return [];
        }
        return pipelines.ListInNamespace(ns)
            .Where(p => PipelineModels.ReferencedModelDeployments(p.Spec).Contains(name))
            .Select(ObjectKey.From)
            .ToList();
    }

    /// <summary>
    /// Passes the ModelDeployment updates a referring Pipeline's table or status depends on: the active version, the
    /// model name its router serves, its Ready condition. Adds and deletes always pass (a reference resolves or not).
    /// </summary>
    public static ChangePredicate Relevant { get; } = new(update: (oldObj, newObj) => !SameFacts((MD)oldObj, (MD)newObj));

    private static bool SameFacts(MD a, MD b)
    {
        var readyA = ConditionList.Find(a.Status?.Conditions, ConditionTypes.Ready);
        var readyB = ConditionList.Find(b.Status?.Conditions, ConditionTypes.Ready);
        return a.Status?.ActiveModel?.Version == b.Status?.ActiveModel?.Version
            && a.Spec.Model.Version == b.Spec.Model.Version
            && a.Spec.Runtime?.ModelName == b.Spec.Runtime?.ModelName
            && readyA?.Status == readyB?.Status
            && readyA?.Reason == readyB?.Reason
            && readyA?.Message == readyB?.Message
            && (a.Status?.ServedGeneration >= 1) == (b.Status?.ServedGeneration >= 1)
            && a.Metadata.DeletionTimestamp == b.Metadata.DeletionTimestamp;
    }
}
