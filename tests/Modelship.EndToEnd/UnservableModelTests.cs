using System.Diagnostics;
using Modelship.EndToEnd.Support;

namespace Modelship.EndToEnd;

/// <summary>
/// `modelship runtime` on a model ONNX Runtime loads but whose output V2 cannot carry (a Cast to BFLOAT16): it
/// refuses to start with the message the validator gives, instead of answering 500 at every request.
/// </summary>
public sealed class UnservableModelTests : IDisposable
{
    private const string MakeModel = """
        import sys
        import onnx
        from onnx import TensorProto, helper
        graph = helper.make_graph(
            [helper.make_node("Cast", ["X"], ["y"], to=TensorProto.BFLOAT16)], "bf16",
            [helper.make_tensor_value_info("X", TensorProto.FLOAT, [None])],
            [helper.make_tensor_value_info("y", TensorProto.BFLOAT16, [None])])
        model = helper.make_model(graph, opset_imports=[helper.make_operatorsetid("", 13)])
        model.ir_version = 8
        onnx.checker.check_model(model)
        onnx.save(model, sys.argv[1])
        """;

    private readonly string _directory = Directory.CreateTempSubdirectory("modelship-e2e-bf16-").FullName;

    [Fact]
    public async Task A_bfloat16_output_is_refused_at_start_with_a_clear_message()
    {
        var environment = await ServingEnvironment.GetAsync();
        var model = Path.Combine(_directory, "bf16.onnx");
        var python = Environment.GetEnvironmentVariable("MODELSHIP_PYTHON") ?? "/usr/bin/python3";
        await ExternalCommand.RunAsync(python, ["-c", MakeModel, model], TimeSpan.FromMinutes(2));

        var (exitCode, errors) = await RunToExitAsync(environment.Executable, ["runtime", "--model", model, "--port", "0"]);

        exitCode.Should().Be(1, errors);
        errors.Should().Contain($"modelship runtime: {model} cannot be served over the V2 protocol: output 'y' is tensor(BFloat16)[-1], which the V2 protocol cannot carry");
    }

    private static async Task<(int ExitCode, string Errors)> RunToExitAsync(ModelshipExecutable executable, string[] arguments)
    {
        var startInfo = new ProcessStartInfo(executable.FileName) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in executable.Arguments(arguments))
        {
            startInfo.ArgumentList.Add(argument);
        }
        using var process = Process.Start(startInfo)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(ModelshipProcess.StartTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"modelship {string.Join(' ', arguments)} did not exit: {await output}");
        }
        return (process.ExitCode, await errors);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
