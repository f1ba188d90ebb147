using System.CommandLine;
using Microsoft.Extensions.Logging;
using Modelship.Cli.LocalRun;
using Modelship.Serving.Runtime;

namespace Modelship.Cli.Commands;

/// <summary>`modelship run -f manifest.yaml`: the embedded default, a ModelDeployment or a Pipeline on 127.0.0.1 without a cluster.</summary>
public static class RunCommand
{
    public static Command Create()
    {
        var file = new Option<string>("--file", "-f") { Description = "ModelDeployment or Pipeline manifest (YAML or JSON) whose models are files", Required = true };
        var port = new Option<int>("--port") { Description = "Router port on 127.0.0.1 (0 picks a free one)", DefaultValueFactory = _ => 8080 };
        var limits = new RequestLimitOptions();
        var command = new Command("run", "Serve a ModelDeployment or a Pipeline locally: the routers and one built-in ONNX runtime per model version, in this process.")
        {
            file, port,
        };
        limits.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var requestLimits = limits.Read(parse);
            if (requestLimits.Problem() is { } limitProblem)
            {
                await Console.Error.WriteLineAsync($"modelship run: {limitProblem}").ConfigureAwait(false);
                return 2;
            }
            var runOptions = new LocalRunOptions { Port = parse.GetValue(port), Limits = requestLimits };
            if (RunPipeline.Holds(parse.GetRequiredValue(file)))
            {
                return await RunPipeline.RunAsync(parse.GetRequiredValue(file), runOptions, QuietLogging, cancellationToken).ConfigureAwait(false);
            }

            LocalModelDeployment deployment;
            try
            {
                deployment = await LocalModelDeployment.StartAsync(
                    parse.GetRequiredValue(file), runOptions, QuietLogging, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is LocalRunException or UnservableModelException or IOException or FormatException)
            {
                await Console.Error.WriteLineAsync($"modelship run: {e.Message}").ConfigureAwait(false);
                return 1;
            }

            await using (deployment.ConfigureAwait(false))
            {
                var infer = new Uri(deployment.Endpoint, $"v2/models/{deployment.ModelName}/infer");
                await Console.Out.WriteLineAsync($"""
                    modelship: serving {deployment.ModelName} ({deployment.Runtimes.Count} model versions) at {deployment.Endpoint}
                      curl -s {infer} -H 'content-type: application/json' \
                        -d '{"{"}"inputs":[{"{"}"name":"input","shape":[1,4],"datatype":"FP32","data":[5.1,3.5,1.4,0.2]{"}"}]{"}"}'
                    Predictions are logged in {deployment.LogDirectory} and queryable at {new Uri(deployment.Endpoint, "v2/logs")}.
                    Press Ctrl+C to stop.
                    """).ConfigureAwait(false);
                try
                {
                    await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                }
            }

            return 0;
        });
        return command;
    }

    // Warnings and errors only: the endpoint and the example request are what a person running this needs to see.
    internal static void QuietLogging(ILoggingBuilder logging) =>
        logging.AddSimpleConsole(console => console.SingleLine = true).SetMinimumLevel(LogLevel.Warning);
}
