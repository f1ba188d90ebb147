using System.Text.Json;
using k8s.Models;
using Modelship.Api.V1Alpha1;
using Modelship.Operator.Notifications;
using MD = Modelship.Api.V1Alpha1.ModelDeployment;

namespace Modelship.Operator.Tests.Notifications;

public sealed class NotificationJobBuilderTests
{
    private static readonly MD Owner = new()
    {
        ApiVersion = "modelship.dev/v1alpha1",
        Kind = "ModelDeployment",
        Metadata = new V1ObjectMeta { Name = "fraud", NamespaceProperty = "ml", Uid = "0b7c2f4e-1111-2222-3333-444455556666" },
        Spec = new ModelDeploymentSpec { Model = new ModelSpec { Uri = "https://m/v1.onnx", Version = "v1" } },
    };

    private static NotificationWork Work(string template, MD? owner = null) => new(
        owner ?? Owner,
        new NotificationSpec { Name = "retrain", Events = [NotificationEvent.Drifting], Job = new NotificationJobSpec { Template = JsonDocument.Parse(template).RootElement.Clone() } },
        new NotificationTrigger(NotificationEvent.Drifting, "v3", "FeatureDrift", "feature age drifted"),
        DateTimeOffset.UnixEpoch);

    private const string Template = """
        {"metadata": {"labels": {"team": "ml"}, "annotations": {"note": "kept"}},
         "spec": {"backoffLimit": 1, "template": {"spec": {"restartPolicy": "Never",
           "containers": [{"name": "train", "image": "trainer:1", "env": [{"name": "EPOCHS", "value": "3"}, {"name": "MODELSHIP_EVENT", "value": "spoofed"}]}]}}}}
        """;

    [Fact]
    public void The_job_comes_from_the_template_with_our_name_owner_labels_and_environment()
    {
        var job = NotificationJobBuilder.Build(Work(Template));

        job.Metadata.Name.Should().BeNull();
        job.Metadata.GenerateName.Should().Be("fraud-drifting-");
        job.Metadata.NamespaceProperty.Should().Be("ml");
        job.Metadata.OwnerReferences.Should().ContainSingle().Which.Should().BeEquivalentTo(new { Kind = "ModelDeployment", Name = "fraud", Uid = Owner.Metadata.Uid, Controller = (bool?)true });
        job.Metadata.Labels.Should().Contain(new Dictionary<string, string>
        {
            ["team"] = "ml",
            [NotificationJobBuilder.EventLabel] = "Drifting",
            [NotificationJobBuilder.OwnerUidLabel] = Owner.Metadata.Uid!,
            [NotificationJobBuilder.NotificationLabel] = "retrain",
        });
        job.Metadata.Annotations.Should().Contain("note", "kept");
        job.Spec.BackoffLimit.Should().Be(1);
        var container = job.Spec.Template.Spec.Containers.Should().ContainSingle().Subject;
        container.Env.Select(e => (e.Name, e.Value)).Should().Equal(
            ("EPOCHS", "3"), ("MODELSHIP_EVENT", "Drifting"), ("MODELSHIP_MODEL_DEPLOYMENT", "fraud"), ("MODELSHIP_NAMESPACE", "ml"), ("MODELSHIP_VERSION", "v3"), ("MODELSHIP_REASON", "FeatureDrift"));
    }

    [Fact]
    public void A_long_name_is_bounded_so_the_job_name_fits_a_label()
    {
        var owner = new MD { Metadata = new V1ObjectMeta { Name = new string('a', 80), NamespaceProperty = "ml", Uid = "u" }, Spec = Owner.Spec };
        var name = NotificationJobBuilder.Build(Work(Template, owner)).Metadata.GenerateName;
        name.Should().EndWith("-");
        (name.Length + 5).Should().BeLessThanOrEqualTo(63, "the API server appends 5 characters and Pods carry the name in the job-name label");
    }

    [Fact]
    public void A_job_runs_until_it_has_a_complete_or_failed_condition()
    {
        NotificationJobBuilder.IsRunning(new V1Job()).Should().BeTrue();
        NotificationJobBuilder.IsRunning(new V1Job { Status = new V1JobStatus { Active = 1 } }).Should().BeTrue();
        NotificationJobBuilder.IsRunning(new V1Job { Status = new V1JobStatus { Conditions = [new V1JobCondition { Type = "Complete", Status = "True" }] } }).Should().BeFalse();
        NotificationJobBuilder.IsRunning(new V1Job { Status = new V1JobStatus { Conditions = [new V1JobCondition { Type = "Failed", Status = "True" }] } }).Should().BeFalse();
        NotificationJobBuilder.IsRunning(new V1Job { Status = new V1JobStatus { Conditions = [new V1JobCondition { Type = "Failed", Status = "False" }] } }).Should().BeTrue();
    }
}
