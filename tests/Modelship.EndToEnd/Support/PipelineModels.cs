namespace Modelship.EndToEnd.Support;

/// <summary>The example pipeline's models (examples/pipeline/generate_models.py), generated once per test run.</summary>
public static class PipelineModels
{
    private static readonly Lazy<Task<string>> SharedDirectory = new(GenerateAsync);

    /// <summary>Holds iris-v1/v2/v3.onnx, mm-to-cm.onnx and inches-to-cm.onnx.</summary>
    public static Task<string> DirectoryAsync() => SharedDirectory.Value;

    /// <summary>Starts <c>modelship runtime</c> for one of these models and waits until it is ready.</summary>
    public static async Task<ModelshipProcess> StartRuntimeAsync(ServingEnvironment environment, string file, string name, string version, int port)
    {
        var runtime = ModelshipProcess.Start(environment, port, "runtime", "--model", Path.Combine(await DirectoryAsync(), file), "--name", name, "--version", version, "--port", $"{port}");
        await runtime.WaitUntilReadyAsync("v2/health/ready");
        return runtime;
    }

    private static async Task<string> GenerateAsync()
    {
        var directory = Directory.CreateTempSubdirectory("modelship-e2e-pipeline-models-").FullName;
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                Directory.Delete(directory, recursive: true);
            }
            catch (IOException)
            {
            }
        };
        var python = Environment.GetEnvironmentVariable("MODELSHIP_PYTHON") ?? "/usr/bin/python3";
        await ExternalCommand.RunAsync(python, [RepositoryRoot.Combine("examples", "pipeline", "generate_models.py"), directory], TimeSpan.FromMinutes(2));
        return directory;
    }
}
