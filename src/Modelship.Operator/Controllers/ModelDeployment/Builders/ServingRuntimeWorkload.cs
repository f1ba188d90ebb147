using Modelship.Api.Runtimes;
using Modelship.Api.V1Alpha1;

namespace Modelship.Operator.Controllers.ModelDeployment.Builders;

/// <summary>
/// A <see cref="RuntimeWorkload"/> served by a ServingRuntime: its image, command, args, env and port, placeholders
/// expanded for the version (the model at <see cref="RuntimeDeploymentBuilder.ModelPath"/>). The object's own
/// spec.runtime keeps its env (added last) and model name; its spec.resources replace the runtime's defaults.
/// </summary>
public static class ServingRuntimeWorkload
{
    public static RuntimeWorkload Apply(RuntimeWorkload workload, ServingRuntime runtime)
    {
        ArgumentNullException.ThrowIfNull(workload);
        ArgumentNullException.ThrowIfNull(runtime);
        var values = new RuntimePlaceholderValues(RuntimeDeploymentBuilder.ModelPath, workload.ModelName, workload.Model.Version, ResolvedServer.PortOf(runtime), RuntimePlaceholderValues.PodHost);
        var server = ResolvedServer.From(runtime, workload.Runtime, values);
        return workload with
        {
            Runtime = new RuntimeSpec { Image = server.Image, Args = server.Args, Env = server.Env, Port = server.Port, ModelName = workload.Runtime?.ModelName },
            Command = server.Command,
            ServingRuntimeName = server.RuntimeName,
            Resources = workload.Resources ?? server.Resources,
        };
    }
}
