namespace Modelship.EndToEnd.Support;

/// <summary>
/// What every end-to-end test needs once per run: the iris example models and the <c>modelship</c> executable (the
/// build puts ONNX Runtime's libonnxruntime.so next to it, where it finds the library).
/// </summary>
public sealed class ServingEnvironment
{
    private static readonly Lazy<Task<ServingEnvironment>> SharedInstance = new(CreateAsync);

    private ServingEnvironment(string modelsDirectory, ModelshipExecutable executable)
    {
        ModelsDirectory = modelsDirectory;
        Executable = executable;
    }

    /// <summary>Holds iris-v1.onnx, iris-v2.onnx and iris-v3.onnx from examples/iris/generate_models.py.</summary>
    public string ModelsDirectory { get; }

    public ModelshipExecutable Executable { get; }

    public static Task<ServingEnvironment> GetAsync() => SharedInstance.Value;

    public string Model(string version) => Path.Combine(ModelsDirectory, $"iris-{version}.onnx");

    private static async Task<ServingEnvironment> CreateAsync()
    {
        var models = Directory.CreateTempSubdirectory("modelship-e2e-models-").FullName;
        AppDomain.CurrentDomain.ProcessExit += (_, _) => DeleteQuietly(models);
        var python = Environment.GetEnvironmentVariable("MODELSHIP_PYTHON") ?? "/usr/bin/python3";
        try
        {
            await ExternalCommand.RunAsync(python, [RepositoryRoot.Combine("examples", "iris", "generate_models.py"), models], TimeSpan.FromMinutes(2));
        }
        catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            throw new InvalidOperationException(
                $"generating the iris models failed ({e.Message}); they need a python3 with onnx and numpy: " +
                "`apt-get install -y python3-onnx python3-numpy` (hack/install-test-deps.sh does) or set MODELSHIP_PYTHON", e);
        }
        return new ServingEnvironment(models, ModelshipExecutable.NextToTests());
    }

    private static void DeleteQuietly(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
