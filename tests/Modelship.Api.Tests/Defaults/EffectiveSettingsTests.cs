using Modelship.Api.Defaults;
using Modelship.Api.Tests.Validation;
using Modelship.Api.V1Alpha1;

namespace Modelship.Api.Tests.Defaults;

public class EffectiveSettingsTests
{
    [Fact]
    public void An_empty_spec_means_the_documented_defaults()
    {
        var spec = Specs.Champion();

        EffectiveSettings.Replicas(spec).Should().Be(1);
        EffectiveSettings.Suspend(spec).Should().BeFalse();
        EffectiveSettings.Format(spec.Model).Should().Be(ModelFormat.Onnx);
        EffectiveSettings.UsesBuiltInRuntime(spec).Should().BeTrue();
        EffectiveSettings.RuntimePort(spec).Should().Be(8080);
        EffectiveSettings.RuntimeModelName(spec, "fraud").Should().Be("fraud");
        EffectiveSettings.RequireSignatureMatch(spec).Should().BeTrue();
        EffectiveSettings.ReplacementReason(spec).Should().Be(ReplacementReason.Other);
        EffectiveSettings.CollectPredictions(spec).Should().BeFalse();
        EffectiveSettings.SampleRate(spec).Should().Be(1.0);
        EffectiveSettings.ChampionWeight(spec).Should().Be(100);
        EffectiveSettings.Rollout(spec).Should().BeEquivalentTo(new EffectiveRollout(RolloutStrategy.Replace, [], null, TimeSpan.FromMinutes(10)));
    }

    [Fact]
    public void Set_values_win_over_defaults()
    {
        var spec = Specs.Full() with
        {
            Suspend = true,
            Runtime = new RuntimeSpec { Image = "mlserver:1.6", Port = 9000, ModelName = "scorer" },
            Replacement = new ReplacementSpec { Reason = ReplacementReason.DataDrift, Validation = new ReplacementValidationSpec { RequireSignatureMatch = false } },
        };

        EffectiveSettings.Replicas(spec).Should().Be(2);
        EffectiveSettings.Suspend(spec).Should().BeTrue();
        EffectiveSettings.UsesBuiltInRuntime(spec).Should().BeFalse();
        EffectiveSettings.RuntimePort(spec).Should().Be(9000);
        EffectiveSettings.RuntimeModelName(spec, "fraud").Should().Be("scorer");
        EffectiveSettings.RequireSignatureMatch(spec).Should().BeFalse();
        EffectiveSettings.ReplacementReason(spec).Should().Be(ReplacementReason.DataDrift);
        EffectiveSettings.SampleRate(spec).Should().Be(0.5);
        EffectiveSettings.ChampionWeight(spec).Should().Be(50);
        var rollout = EffectiveSettings.Rollout(spec);
        rollout.Strategy.Should().Be(RolloutStrategy.Canary);
        rollout.Steps.Select(s => s.Weight).Should().Equal(10, 50, 100);
        rollout.ProgressDeadline.Should().Be(TimeSpan.FromSeconds(900));
    }

    [Fact]
    public void Replace_ignores_canary_steps()
    {
        var spec = Specs.Full() with { Rollout = Specs.Full().Rollout! with { Strategy = RolloutStrategy.Replace } };

        EffectiveSettings.Rollout(spec).Steps.Should().BeEmpty();
    }

    [Fact]
    public void Defaults_are_never_written_into_the_spec()
    {
        var spec = Specs.Champion();

        _ = EffectiveSettings.Rollout(spec);
        _ = EffectiveSettings.Replicas(spec);

        spec.Should().Be(Specs.Champion());
        spec.Rollout.Should().BeNull();
    }
}
