using System.Text.Json.Nodes;

namespace Modelship.IntegrationTests.ArgoCD;

/// <summary>
/// health.lua, discovery.lua and the actions over statuses the integration tests recorded from kube-apiserver
/// (Fixtures/), run with lua5.1 in Argo CD's sandbox. No cluster needed.
/// </summary>
public sealed class HealthFixtureTests
{
    public static TheoryData<string> States => [.. ExpectedHealth.Of.Keys];

    [Theory]
    [MemberData(nameof(States))]
    public async Task Health_of_a_recorded_status(string state)
    {
        var health = await ArgoCDLua.HealthAsync(ArgoCDFixtures.Load(state));
        ExpectedHealth.Check(health, state);
    }

    public static TheoryData<string> PipelineStates => [.. ExpectedPipelineHealth.Of.Keys];

    [Theory]
    [MemberData(nameof(PipelineStates))]
    public async Task Pipeline_health_of_a_recorded_status(string state)
    {
        var health = await ArgoCDLua.HealthAsync(ArgoCDFixtures.Load(state), ArgoCDLua.PipelineHealthScript);
        ExpectedPipelineHealth.Check(health, state);
    }

    public static TheoryData<string> RefreshScheduleStates => [.. ExpectedRefreshScheduleHealth.Of.Keys];

    [Theory]
    [MemberData(nameof(RefreshScheduleStates))]
    public async Task RefreshSchedule_health_of_a_recorded_status(string state)
    {
        var health = await ArgoCDLua.HealthAsync(ArgoCDFixtures.Load(state), ArgoCDLua.RefreshScheduleHealthScript);
        ExpectedRefreshScheduleHealth.Check(health, state);
    }

    [Fact]
    public async Task RefreshSchedule_health_is_Suspended_from_the_spec_and_Progressing_without_conditions()
    {
        var scheduled = ArgoCDFixtures.Load("refresh-scheduled");
        scheduled["spec"]!["suspend"] = true;
        (await ArgoCDLua.HealthAsync(scheduled, ArgoCDLua.RefreshScheduleHealthScript)).Should().Be(new ArgoCDHealth("Suspended", "spec.suspend is true"));

        var bare = JsonNode.Parse("""{"apiVersion":"modelship.dev/v1alpha1","kind":"RefreshSchedule","metadata":{"name":"x","generation":1},"status":{"observedGeneration":1}}""")!;
        (await ArgoCDLua.HealthAsync(bare, ArgoCDLua.RefreshScheduleHealthScript)).Should().Be(new ArgoCDHealth("Progressing", "waiting for the controller to report conditions"));
    }

    [Theory]
    [InlineData("ready", "suspend")]
    [InlineData("suspended", "resume")]
    [InlineData("canary", "abort,promote,suspend")]
    [InlineData("aborted", "suspend")]
    [InlineData("promoted", "suspend")]
    [InlineData("no-status", "suspend")]
    public async Task Discovery_offers_only_the_actions_that_apply(string state, string enabled)
    {
        var actions = await ArgoCDLua.DiscoverAsync(ArgoCDFixtures.Load(state));

        actions.Keys.Should().BeEquivalentTo(ArgoCDLua.ActionNames, "discovery names every action defined under actions/");
        actions.Where(a => a.Value).Select(a => a.Key).Order(StringComparer.Ordinal).Should().Equal(enabled.Split(','));
    }

    [Fact]
    public async Task Discovery_does_not_offer_a_request_already_made()
    {
        var canary = ArgoCDFixtures.Load("canary");
        canary["metadata"]!["annotations"] = new JsonObject { ["modelship.dev/promote"] = "v2" };
        var promoting = await ArgoCDLua.DiscoverAsync(canary);
        promoting["promote"].Should().BeFalse();
        promoting["abort"].Should().BeTrue("a promotion can still be aborted until the new version takes all traffic");

        canary["metadata"]!["annotations"] = new JsonObject { ["modelship.dev/abort"] = "v2" };
        var aborting = await ArgoCDLua.DiscoverAsync(canary);
        aborting["abort"].Should().BeFalse();
        aborting["promote"].Should().BeFalse();
    }

    [Fact]
    public async Task Abort_and_promote_name_the_pending_version_and_change_nothing_else()
    {
        var canary = ArgoCDFixtures.Load("canary");
        foreach (var (action, annotation) in new[] { ("abort", "modelship.dev/abort"), ("promote", "modelship.dev/promote") })
        {
            var patch = ArgoCDActionPatch.Create(canary, await ArgoCDLua.ActionAsync(action, canary));
            JsonNode.DeepEquals(patch, new JsonObject { ["metadata"] = new JsonObject { ["annotations"] = new JsonObject { [annotation] = "v2" } } })
                .Should().BeTrue($"{action} sets only its annotation; the patch was {patch.ToJsonString()}");
        }
    }

    [Fact]
    public async Task Abort_and_promote_refuse_when_no_rollout_is_in_progress()
    {
        foreach (var action in new[] { "abort", "promote" })
        {
            var run = () => ArgoCDLua.ActionAsync(action, ArgoCDFixtures.Load("ready"));
            await run.Should().ThrowAsync<LuaScriptException>().WithMessage("*no rollout in progress*");
        }
    }

    [Fact]
    public async Task Suspend_and_resume_set_spec_suspend()
    {
        var ready = ArgoCDFixtures.Load("ready");
        var suspend = ArgoCDActionPatch.Create(ready, await ArgoCDLua.ActionAsync("suspend", ready));
        suspend.ToJsonString().Should().Be("""{"spec":{"suspend":true}}""");

        var suspended = ArgoCDFixtures.Load("suspended");
        var resume = ArgoCDActionPatch.Create(suspended, await ArgoCDLua.ActionAsync("resume", suspended));
        resume.ToJsonString().Should().Be("""{"spec":{"suspend":false}}""");
    }

    [Fact]
    public async Task Health_survives_a_status_without_conditions_and_an_object_without_status()
    {
        var bare = JsonNode.Parse("""{"apiVersion":"modelship.dev/v1alpha1","kind":"ModelDeployment","metadata":{"name":"x","generation":1},"spec":{"model":{"uri":"https://m/x.onnx","version":"v1"}}}""")!;
        (await ArgoCDLua.HealthAsync(bare)).Status.Should().Be("Progressing");
        bare["status"] = new JsonObject { ["observedGeneration"] = 1 };
        (await ArgoCDLua.HealthAsync(bare)).Should().Be(new ArgoCDHealth("Progressing", "waiting for the controller to report conditions"));
        bare["status"]!["phase"] = "Deploying";
        (await ArgoCDLua.HealthAsync(bare)).Should().Be(new ArgoCDHealth("Progressing", "phase Deploying"));
        bare["status"]!["conditions"] = new JsonArray();
        (await ArgoCDLua.HealthAsync(bare)).Status.Should().Be("Progressing");
        (await ArgoCDLua.DiscoverAsync(bare))["abort"].Should().BeFalse();
    }

    /// <summary>The sandbox is real: what Argo CD does not open fails here too (else these tests would prove little).</summary>
    [Theory]
    [InlineData("return { status = string.upper(obj.kind) }")]
    [InlineData("return { status = obj.kind:upper() }")]
    [InlineData("return { status = io.read() }")]
    [InlineData("return { status = tostring(math.floor(1.5)) }")]
    public async Task A_script_using_libraries_Argo_CD_does_not_open_fails(string script)
    {
        var obj = JsonNode.Parse("""{"kind":"ModelDeployment","metadata":{"name":"x"}}""")!;
        (await RunScriptAsync("return { status = obj.kind .. \" \" .. table.concat({ \"ok\" }) .. os.time() }", obj))!["status"]!
            .GetValue<string>().Should().StartWith("ModelDeployment ok", "base, table and os are there");

        var run = () => RunScriptAsync(script, obj);
        await run.Should().ThrowAsync<LuaScriptException>();
    }

    private static async Task<JsonNode?> RunScriptAsync(string script, JsonNode obj)
    {
        var path = Path.Combine(Path.GetTempPath(), $"modelship-sandbox-{Guid.NewGuid():N}.lua");
        await File.WriteAllTextAsync(path, script);
        try
        {
            return await ArgoCDLua.RunAsync(path, obj);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
