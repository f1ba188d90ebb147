using Modelship.Kubernetes.Controllers;
using Modelship.Kubernetes.Tests.Informers;

namespace Modelship.Kubernetes.Tests.Controllers;

public sealed class ChangePredicateTests
{
    [Fact]
    public void Generation_changed_passes_spec_changes_only()
    {
        var before = TestObjects.ConfigMap("ns", "a", generation: 1);

        ChangePredicate.GenerationChanged.AllowsUpdate(before, TestObjects.ConfigMap("ns", "a", "2", generation: 1)).Should().BeFalse();
        ChangePredicate.GenerationChanged.AllowsUpdate(before, TestObjects.ConfigMap("ns", "a", "2", generation: 2)).Should().BeTrue();
        ChangePredicate.GenerationChanged.AllowsAdd(before).Should().BeTrue();
        ChangePredicate.GenerationChanged.AllowsDelete(before).Should().BeTrue();
    }

    [Fact]
    public void Labels_and_annotations_changed_compare_entries_not_references()
    {
        var before = TestObjects.ConfigMap("ns", "a", labels: new() { ["app"] = "x" }, annotations: new() { ["note"] = "1" });
        var sameLabels = TestObjects.ConfigMap("ns", "a", "2", labels: new() { ["app"] = "x" }, annotations: new() { ["note"] = "1" });
        var newLabel = TestObjects.ConfigMap("ns", "a", "2", labels: new() { ["app"] = "y" }, annotations: new() { ["note"] = "1" });
        var newAnnotation = TestObjects.ConfigMap("ns", "a", "2", labels: new() { ["app"] = "x" }, annotations: new() { ["note"] = "2" });

        ChangePredicate.LabelsChanged.AllowsUpdate(before, sameLabels).Should().BeFalse();
        ChangePredicate.LabelsChanged.AllowsUpdate(before, newLabel).Should().BeTrue();
        ChangePredicate.LabelsChanged.AllowsUpdate(before, TestObjects.ConfigMap("ns", "a", "2")).Should().BeTrue("labels were removed");
        ChangePredicate.AnnotationsChanged.AllowsUpdate(before, newAnnotation).Should().BeTrue();
        ChangePredicate.AnnotationsChanged.AllowsUpdate(before, newLabel).Should().BeFalse();
    }

    [Fact]
    public void Predicates_combine_with_or_and_and()
    {
        var specOrLabels = ChangePredicate.GenerationChanged.Or(ChangePredicate.LabelsChanged);
        var specAndLabels = ChangePredicate.GenerationChanged.And(ChangePredicate.LabelsChanged);
        var before = TestObjects.ConfigMap("ns", "a", generation: 1, labels: new() { ["app"] = "x" });
        var labelOnly = TestObjects.ConfigMap("ns", "a", "2", generation: 1, labels: new() { ["app"] = "y" });
        var both = TestObjects.ConfigMap("ns", "a", "2", generation: 2, labels: new() { ["app"] = "y" });
        var neither = TestObjects.ConfigMap("ns", "a", "2", generation: 1, labels: new() { ["app"] = "x" });

        specOrLabels.AllowsUpdate(before, labelOnly).Should().BeTrue();
        specOrLabels.AllowsUpdate(before, neither).Should().BeFalse();
        specAndLabels.AllowsUpdate(before, labelOnly).Should().BeFalse();
        specAndLabels.AllowsUpdate(before, both).Should().BeTrue();
    }
}
