using System.Text.Json;
using System.Text.Json.Nodes;
using k8s.Models;
using Modelship.Kubernetes.Models;

namespace Modelship.Kubernetes.Tests.Models;

/// <summary>
/// The package's models read and write what the API server serves, through our source-generated contract (UTC times,
/// nulls not written). Fields newer than the package would be dropped: the only object we replace after reading it is
/// a Lease, whose every field the package models; children are written by server-side apply of the fields we own.
/// </summary>
public sealed class KubernetesObjectJsonTests
{
    private const string DeploymentJson = """
        {
          "apiVersion": "apps/v1",
          "kind": "Deployment",
          "metadata": {
            "name": "web",
            "namespace": "prod",
            "uid": "6c3b1f1e-0000-4000-8000-000000000001",
            "resourceVersion": "12345",
            "generation": 3,
            "creationTimestamp": "2024-01-02T03:04:05Z",
            "labels": {"app": "web"},
            "annotations": {"deployment.kubernetes.io/revision": "2"},
            "ownerReferences": [{"apiVersion": "modelship.dev/v1alpha1", "kind": "ModelDeployment", "name": "m", "uid": "u", "controller": true, "blockOwnerDeletion": true}],
            "finalizers": ["modelship.dev/cleanup"],
            "managedFields": [{"manager": "modelship", "operation": "Apply", "apiVersion": "apps/v1", "time": "2024-01-02T03:04:05Z", "fieldsType": "FieldsV1", "fieldsV1": {"f:spec": {"f:replicas": {}}}}],
            "selfLink": "/apis/apps/v1/namespaces/prod/deployments/web"
          },
          "spec": {
            "replicas": 2,
            "selector": {"matchLabels": {"app": "web"}},
            "template": {
              "metadata": {"labels": {"app": "web"}},
              "spec": {
                "containers": [{
                  "name": "server",
                  "image": "example/server:1",
                  "args": ["--port=8080"],
                  "ports": [{"name": "http", "containerPort": 8080, "protocol": "TCP"}],
                  "resources": {"limits": {"cpu": "1", "memory": "1Gi"}, "requests": {"cpu": "500m"}},
                  "readinessProbe": {"httpGet": {"path": "/ready", "port": "http", "scheme": "HTTP"}, "periodSeconds": 5},
                  "terminationMessagePath": "/dev/termination-log",
                  "terminationMessagePolicy": "File",
                  "stdin": false
                }],
                "dnsPolicy": "ClusterFirst",
                "schedulerName": "default-scheduler",
                "topologySpreadConstraints": [{"maxSkew": 1, "topologyKey": "zone", "whenUnsatisfiable": "ScheduleAnyway", "labelSelector": {"matchLabels": {"app": "web"}}}],
                "volumes": [{"name": "cache", "emptyDir": {}}, {"name": "cfg", "projected": {"sources": [{"configMap": {"name": "c"}}]}}]
              }
            },
            "strategy": {"type": "RollingUpdate", "rollingUpdate": {"maxSurge": "25%", "maxUnavailable": 0}},
            "revisionHistoryLimit": 10
          },
          "status": {
            "observedGeneration": 3,
            "replicas": 2,
            "updatedReplicas": 2,
            "readyReplicas": 1,
            "availableReplicas": 1,
            "unavailableReplicas": 1,
            "collisionCount": 0,
            "conditions": [{"type": "Available", "status": "False", "lastUpdateTime": "2024-01-02T03:04:06Z", "lastTransitionTime": "2024-01-02T03:04:06Z", "reason": "MinimumReplicasUnavailable", "message": "Deployment does not have minimum availability."}]
          }
        }
        """;

    [Fact]
    public void A_deployment_as_the_server_serves_it_round_trips_unchanged()
    {
        var deployment = JsonSerializer.Deserialize(DeploymentJson, KubernetesJsonContext.Default.V1Deployment)!;

        var written = JsonSerializer.Serialize(deployment, KubernetesJsonContext.Default.V1Deployment);

        JsonNode.DeepEquals(JsonNode.Parse(written), JsonNode.Parse(DeploymentJson)).Should().BeTrue(written);
    }

    [Fact]
    public void Fields_are_typed_and_a_change_keeps_the_others()
    {
        var deployment = JsonSerializer.Deserialize(DeploymentJson, KubernetesJsonContext.Default.V1Deployment)!;

        deployment.Metadata.Generation.Should().Be(3);
        deployment.Metadata.CreationTimestamp.Should().Be(new DateTime(2024, 1, 2, 3, 4, 5, DateTimeKind.Utc));
        deployment.Metadata.OwnerReferences![0].Controller.Should().BeTrue();
        deployment.Status!.ReadyReplicas.Should().Be(1);
        deployment.Status.Conditions![0].Reason.Should().Be("MinimumReplicasUnavailable");
        var container = deployment.Spec!.Template!.Spec!.Containers![0];
        container.Ports![0].ContainerPort.Should().Be(8080);
        container.ReadinessProbe!.HttpGet!.Port!.Value.Should().Be("http");
        deployment.Spec.Strategy!.RollingUpdate!.MaxUnavailable!.Value.Should().Be("0");

        deployment.Spec.Replicas = 5;
        container.Image = "example/server:2";
        var written = JsonNode.Parse(JsonSerializer.Serialize(deployment, KubernetesJsonContext.Default.V1Deployment))!;

        written["spec"]!["replicas"]!.GetValue<int>().Should().Be(5);
        written["spec"]!["template"]!["spec"]!["dnsPolicy"]!.GetValue<string>().Should().Be("ClusterFirst");
        written["spec"]!["template"]!["spec"]!["containers"]![0]!["image"]!.GetValue<string>().Should().Be("example/server:2");
        written["spec"]!["template"]!["spec"]!["containers"]![0]!["terminationMessagePolicy"]!.GetValue<string>().Should().Be("File");
        written["spec"]!["template"]!["spec"]!["volumes"]![1]!["projected"].Should().NotBeNull();
        written["metadata"]!["managedFields"]!.AsArray().Should().HaveCount(1);
        written["status"]!["collisionCount"]!.GetValue<int>().Should().Be(0);
    }

    [Fact]
    public void Generic_object_keeps_every_field_and_exposes_spec_and_status_as_mutable_json()
    {
        const string json = """
            {"apiVersion":"modelship.dev/v1alpha1","kind":"ModelDeployment",
             "metadata":{"name":"m","namespace":"ml","labels":{"a":"b"}},
             "spec":{"model":{"uri":"s3://x"},"replicas":2},
             "status":{"observedGeneration":1},
             "extraTopLevel":[1,2]}
            """;

        var obj = JsonSerializer.Deserialize(json, KubernetesJsonContext.Default.GenericObject)!;
        obj.Kind.Should().Be("ModelDeployment");
        obj.Metadata.Labels.Should().Contain("a", "b");
        obj.Spec!["replicas"]!.GetValue<int>().Should().Be(2);

        obj.Spec["replicas"] = 3;
        var written = JsonNode.Parse(JsonSerializer.Serialize(obj, KubernetesJsonContext.Default.GenericObject))!;

        written["spec"]!["replicas"]!.GetValue<int>().Should().Be(3);
        written["spec"]!["model"]!["uri"]!.GetValue<string>().Should().Be("s3://x");
        written["extraTopLevel"]!.AsArray().Should().HaveCount(2);
    }

    [Fact]
    public void Null_properties_are_not_written()
    {
        var cm = new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "x" } };

        JsonSerializer.Serialize(cm, KubernetesJsonContext.Default.V1ConfigMap)
            .Should().Be("""{"metadata":{"name":"x"}}""", "the client fills apiVersion and kind from the resource it writes to");
    }

    [Fact]
    public void Micro_time_is_written_with_six_fraction_digits_and_time_with_whole_seconds()
    {
        var at = new DateTimeOffset(2024, 5, 6, 7, 8, 9, 123, TimeSpan.FromHours(2)).AddTicks(4560);
        var lease = new V1Lease { Metadata = new V1ObjectMeta { Name = "l", CreationTimestamp = at.UtcDateTime }, Spec = new V1LeaseSpec { RenewTime = at.UtcDateTime } };

        var written = JsonNode.Parse(JsonSerializer.Serialize(lease, KubernetesJsonOptions.Default))!;

        written["spec"]!["renewTime"]!.GetValue<string>().Should().Be("2024-05-06T05:08:09.123456Z");
        written["metadata"]!["creationTimestamp"]!.GetValue<string>().Should().Be("2024-05-06T05:08:09Z");
        JsonSerializer.Deserialize<V1Lease>(written.ToJsonString(), KubernetesJsonOptions.Default)!.Spec!.RenewTime
            .Should().Be(new DateTime(2024, 5, 6, 5, 8, 9, 123, DateTimeKind.Utc).AddTicks(4560));
    }
}
