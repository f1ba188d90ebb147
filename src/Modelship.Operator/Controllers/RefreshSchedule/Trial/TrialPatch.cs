using System.Text.Json;
using System.Text.Json.Nodes;
using Modelship.Api.Defaults;
using Modelship.Api.Serialization;
using Modelship.Api.V1Alpha1;
using MD = Modelship.Api.V1Alpha1.ModelDeployment;

namespace Modelship.Operator.Controllers.RefreshSchedule.Trial;

/// <summary>
/// Pure: the JSON merge patches that put a candidate on trial in the target ModelDeployment, take it out, or promote
/// it. A merge patch replaces a list whole, so each carries the target's spec.traffic.challengers or shadows as read,
/// with the candidate's entry (<see cref="RefreshScheduleDefaults.CandidateBackendName"/>) added or removed, and the
/// resourceVersion read: a list changed by someone else in between makes the patch fail with 409 instead of losing
/// their change. The candidate has the champion's format.
/// </summary>
public static class TrialPatch
{
    public const string Name = RefreshScheduleDefaults.CandidateBackendName;

    /// <summary>The candidate as a shadow (Shadow phase) or a challenger at <paramref name="canaryWeight"/> (Canary phase), and nowhere else.</summary>
    public static JsonObject PutOnTrial(MD target, RefreshTrial trial, int canaryWeight)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(trial);
        var model = CandidateModel(target, trial);
        var traffic = target.Spec.Traffic ?? new TrafficSpec();
        IReadOnlyList<ShadowSpec> shadows = [.. Others(traffic.Shadows, s => s.Name)];
        IReadOnlyList<ChallengerSpec> challengers = [.. Others(traffic.Challengers, c => c.Name)];
        if (trial.Phase == RefreshTrialPhase.Shadow)
        {
            shadows = [.. shadows, new ShadowSpec { Name = Name, Model = model }];
        }
        else
        {
            challengers = [.. challengers, new ChallengerSpec { Name = Name, Model = model, Weight = canaryWeight }];
        }
        return Patch(target, Traffic(traffic with { Shadows = shadows, Challengers = challengers }));
    }

    /// <summary>Why the target cannot take the candidate (its version already served, or no weight left), or null.</summary>
    public static string? Conflict(MD target, RefreshTrial trial, int canaryWeight)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(trial);
        var traffic = target.Spec.Traffic ?? new TrafficSpec();
        var sameVersion = Others(traffic.Challengers, c => c.Name).Where(c => c.Model.Version == trial.Version).Select(c => c.Name)
            .Concat(Others(traffic.Shadows, s => s.Name).Where(s => s.Model.Version == trial.Version).Select(s => s.Name))
            .FirstOrDefault();
        if (sameVersion is not null)
        {
            return $"version {trial.Version} is already served by {sameVersion} in ModelDeployment {target.Metadata.Name}; it cannot be put on trial beside it";
        }
        var taken = Others(traffic.Challengers, c => c.Name).Sum(c => c.Weight);
        return trial.Phase == RefreshTrialPhase.Canary && taken + canaryWeight > 100
            ? $"ModelDeployment {target.Metadata.Name}'s challengers answer {taken}% of the requests: no room for a canary at {canaryWeight}%"
            : null;
    }

    /// <summary>The target without the candidate; null when the candidate is not in it.</summary>
    public static JsonObject? Withdraw(MD target)
    {
        ArgumentNullException.ThrowIfNull(target);
        return HoldsCandidate(target) ? Patch(target, Traffic(WithoutCandidate(target.Spec.Traffic!))) : null;
    }

    /// <summary>The candidate as spec.model (reason SCHEDULED_REFRESH) and out of the traffic lists, in one write.</summary>
    public static JsonObject Promote(MD target, RefreshTrial trial)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(trial);
        var patch = TargetModelPatch.Build(new ModelSpec { Uri = trial.Uri, Version = trial.Version, Sha256 = trial.Sha256 });
        if (HoldsCandidate(target))
        {
            patch["spec"]!.AsObject()["traffic"] = Traffic(WithoutCandidate(target.Spec.Traffic!));
        }
        patch["metadata"] = new JsonObject { ["resourceVersion"] = target.Metadata.ResourceVersion };
        return patch;
    }

    /// <summary>Whether the target's spec holds the candidate's entry, as a shadow or a challenger.</summary>
    public static bool HoldsCandidate(MD target)
    {
        ArgumentNullException.ThrowIfNull(target);
        return target.Spec.Traffic is { } traffic
            && ((traffic.Shadows ?? []).Any(s => s.Name == Name) || (traffic.Challengers ?? []).Any(c => c.Name == Name));
    }

    /// <summary>Whether the target's spec holds the trial's candidate where its phase puts it, at the trial's version.</summary>
    public static bool HoldsCandidateFor(MD target, RefreshTrial trial)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(trial);
        var traffic = target.Spec.Traffic;
        return trial.Phase == RefreshTrialPhase.Shadow
            ? (traffic?.Shadows ?? []).Any(s => s.Name == Name && s.Model.Version == trial.Version)
            : (traffic?.Challengers ?? []).Any(c => c.Name == Name && c.Model.Version == trial.Version);
    }

    private static ModelSpec CandidateModel(MD target, RefreshTrial trial) => new()
    {
        Uri = trial.Uri,
        Version = trial.Version,
        Sha256 = trial.Sha256,
        Format = target.Spec.Model.Format,
    };

    private static TrafficSpec WithoutCandidate(TrafficSpec traffic) => traffic with
    {
        Shadows = [.. Others(traffic.Shadows, s => s.Name)],
        Challengers = [.. Others(traffic.Challengers, c => c.Name)],
    };

    private static IEnumerable<T> Others<T>(IReadOnlyList<T>? entries, Func<T, string> name) =>
        (entries ?? []).Where(e => name(e) != Name);

    /// <summary>spec.traffic's two lists as merge-patch values: an empty list is removed (null).</summary>
    private static JsonObject Traffic(TrafficSpec traffic)
    {
        var node = JsonSerializer.SerializeToNode(traffic, ModelshipApiJsonContext.Default.TrafficSpec)!.AsObject();
        return new JsonObject
        {
            ["challengers"] = traffic.Challengers is { Count: > 0 } ? node["challengers"]!.DeepClone() : null,
            ["shadows"] = traffic.Shadows is { Count: > 0 } ? node["shadows"]!.DeepClone() : null,
        };
    }

    private static JsonObject Patch(MD target, JsonObject traffic) => new()
    {
        ["metadata"] = new JsonObject { ["resourceVersion"] = target.Metadata.ResourceVersion },
        ["spec"] = new JsonObject { ["traffic"] = traffic },
    };
}
