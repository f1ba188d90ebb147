using System.CommandLine;
using System.Net;
using Modelship.Serving;
using Modelship.Serving.Runtime;
using Modelship.Serving.Runtime.Onnx;

namespace Modelship.Cli.Commands;

/// <summary>`modelship runtime`: the built-in ONNX runtime, serving one model over the Open Inference Protocol V2.</summary>
public static class RuntimeCommand
{
    public static Command Create()
    {
        var model = new Option<string>("--model") { Description = "A .onnx file, or a directory with model.onnx or exactly one .onnx file", Required = true };
        var name = new Option<string?>("--name") { Description = "Model name in V2 paths (default: the file name without .onnx)" };
        var version = new Option<string>("--version") { Description = "Model version in V2 paths", DefaultValueFactory = _ => "1" };
        var address = new Option<string>("--address") { Description = "IP address to listen on", DefaultValueFactory = _ => "127.0.0.1" };
        var port = new Option<int>("--port") { Description = "Port to listen on (0: any free port)", DefaultValueFactory = _ => 8080 };
        var intraOp = new Option<int>("--intra-op-threads") { Description = "Threads within an operator (0: ONNX Runtime decides)" };
        var interOp = new Option<int>("--inter-op-threads") { Description = "Threads running independent operators side by side (0: ONNX Runtime decides; >1 turns on parallel execution)" };
        var limits = new RequestLimitOptions();
        var grpcPort = new GrpcPortOption();

        var command = new Command("runtime", "Serve one ONNX model over the Open Inference Protocol V2 (REST, and gRPC with --grpc-port) with ONNX Runtime.")
        {
            model, name, version, address, port, intraOp, interOp,
        };
        limits.AddTo(command);
        grpcPort.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (!IPAddress.TryParse(parse.GetRequiredValue(address), out var ip))
            {
                await Console.Error.WriteLineAsync($"modelship runtime: --address '{parse.GetValue(address)}' is not an IP address").ConfigureAwait(false);
                return 2;
            }

            var grpc = grpcPort.Read(parse, out var grpcProblem);
            if (grpcProblem is not null)
            {
                await Console.Error.WriteLineAsync($"modelship runtime: {grpcProblem}").ConfigureAwait(false);
                return 2;
            }

            var requestLimits = limits.Read(parse);
            if (requestLimits.Problem() is { } limitProblem)
            {
                await Console.Error.WriteLineAsync($"modelship runtime: {limitProblem}").ConfigureAwait(false);
                return 2;
            }

            var options = new RuntimeOptions
            {
                ModelPath = parse.GetRequiredValue(model),
                ModelName = parse.GetValue(name),
                ModelVersion = parse.GetRequiredValue(version),
                Address = ip,
                Port = parse.GetValue(port),
                GrpcPort = grpc,
                IntraOpThreads = parse.GetValue(intraOp),
                InterOpThreads = parse.GetValue(interOp),
                Limits = requestLimits,
            };
            try
            {
                await using var host = await RuntimeHost.StartAsync(options, cancellationToken: cancellationToken).ConfigureAwait(false);
                await host.WaitForShutdownAsync(cancellationToken).ConfigureAwait(false);
                return 0;
            }
            catch (Exception e) when (e is OnnxRuntimeNotFoundException or OnnxRuntimeException or UnservableModelException or IOException or InvalidOperationException)
            {
                await Console.Error.WriteLineAsync($"modelship runtime: {e.Message}").ConfigureAwait(false);
                return 1;
            }
        });
        return command;
    }
}
