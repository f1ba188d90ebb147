using k8s.Models;
using Modelship.Kubernetes.Client;
using Modelship.Kubernetes.Informers;
using MD = Modelship.Api.V1Alpha1.ModelDeployment;
using Schedule = Modelship.Api.V1Alpha1.RefreshSchedule;

namespace Modelship.Operator.Controllers.RefreshSchedule;

/// <summary>What the RefreshSchedule reconciler reads (caches) and writes (clients).</summary>
public sealed record RefreshScheduleResources(
    ObjectCache<Schedule> Schedules,
    ObjectCache<MD> ModelDeployments,
    ResourceClient<Schedule> ScheduleClient,
    ResourceClient<MD> ModelDeploymentClient,
    ResourceClient<V1Secret> SecretClient);
