using System.ComponentModel;
using System.Text.Json;
using Modelship.Api.Schema;

namespace Modelship.Api.V1Alpha1;

/// <summary>A Job to create when an event fires.</summary>
public sealed record NotificationJobSpec
{
    /// <summary>A batch/v1 JobTemplateSpec, kept as JSON: the operator does not interpret it beyond what it adds.</summary>
    [Description("Template is a batch/v1 JobTemplateSpec (metadata and spec). The Job gets generateName <modeldeployment>-<event>-, an owner reference to the ModelDeployment, the labels modelship.dev/model-deployment-uid, modelship.dev/notification-event and modelship.dev/notification, and the environment variables MODELSHIP_EVENT, MODELSHIP_MODEL_DEPLOYMENT, MODELSHIP_NAMESPACE, MODELSHIP_VERSION and MODELSHIP_REASON in each container.")]
    [PreserveUnknownFields]
    public required JsonElement Template { get; init; }
}
