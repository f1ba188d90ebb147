using k8s.Models;
using Modelship.Kubernetes.Client;
using Modelship.Kubernetes.Informers;
using MD = Modelship.Api.V1Alpha1.ModelDeployment;
using PipelineResource = Modelship.Api.V1Alpha1.Pipeline;
using Schedule = Modelship.Api.V1Alpha1.RefreshSchedule;

namespace Modelship.Operator.Controllers.RefreshSchedule;

/// <summary>What the RefreshSchedule reconciler reads (caches) and writes (clients).</summary>
public sealed record RefreshScheduleResources(
    ObjectCache<Schedule> Schedules,
    ObjectCache<MD> ModelDeployments,
    ObjectCache<PipelineResource> Pipelines,
    ResourceClient<Schedule> ScheduleClient,
    ResourceClient<MD> ModelDeploymentClient,
    ResourceClient<PipelineResource> PipelineClient,
    ResourceClient<V1Secret> SecretClient);
