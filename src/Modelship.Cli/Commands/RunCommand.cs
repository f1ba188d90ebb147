using System.CommandLine;
using Microsoft.Extensions.Logging;
using Modelship.Cli.LocalRun;

namespace Modelship.Cli.Commands;

/// <summary>`modelship run -f manifest.yaml [-f ...]`: the embedded default, a ModelDeployment (with its RefreshSchedules) or a Pipeline on 127.0.0.1 without a cluster.</summary>
public static class RunCommand
{
    /// <param name="name">"run", or "run-local" under `modelship deployments|pipelines` (MLflow's run_local).</param>
    public static Command Create(string name = "run")
    {
        var file = new Option<string[]>("--file", "-f")
        {
            Description = "Manifest (YAML or JSON) whose models are files: a ModelDeployment and RefreshSchedules of it (several documents per file, or -f repeated), or a Pipeline",
            Required = true,
        };
        var port = new Option<int>("--port") { Description = "Router port on 127.0.0.1 (0 picks a free one)", DefaultValueFactory = _ => 8080 };
        var limits = new RequestLimitOptions();
        var grpcPort = new GrpcPortOption();
        var command = new Command(name, "Serve a ModelDeployment or a Pipeline locally: the routers and one built-in ONNX runtime per model version, in this process; RefreshSchedules of the ModelDeployment run here too.")
        {
            file, port,
        };
        limits.AddTo(command);
        var auth = new AuthTokenOptions();
        auth.AddTo(command);
        grpcPort.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var grpc = grpcPort.Read(parse, out var grpcProblem);
            if (grpcProblem is not null)
            {
                await Console.Error.WriteLineAsync($"modelship run: {grpcProblem}").ConfigureAwait(false);
                return 2;
            }
            var requestLimits = limits.Read(parse);
            if (requestLimits.Problem() is { } limitProblem)
            {
                await Console.Error.WriteLineAsync($"modelship run: {limitProblem}").ConfigureAwait(false);
                return 2;
            }
            var runOptions = new LocalRunOptions { Port = parse.GetValue(port), GrpcPort = grpc, Limits = requestLimits, Auth = auth.Read(parse) };
            var files = parse.GetRequiredValue(file);
            if (files.Any(RunPipeline.Holds))
            {
                if (files.Length > 1 || RunPipeline.HoldsRefreshSchedules(files[0]))
                {
                    await Console.Error.WriteLineAsync("modelship run: a Pipeline is served from one file, without RefreshSchedules (they target a ModelDeployment served on its own)").ConfigureAwait(false);
                    return 2;
                }
                return await RunPipeline.RunAsync(files[0], runOptions, QuietLogging, cancellationToken).ConfigureAwait(false);
            }

            return await RunModelDeployment.RunAsync(files, runOptions, QuietLogging, cancellationToken).ConfigureAwait(false);
        });
        return command;
    }

    // Warnings and errors only: the endpoint and the example request are what a person running this needs to see.
    internal static void QuietLogging(ILoggingBuilder logging) =>
        logging.AddSimpleConsole(console => console.SingleLine = true).SetMinimumLevel(LogLevel.Warning);
}
