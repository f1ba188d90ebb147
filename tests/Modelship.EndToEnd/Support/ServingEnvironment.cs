namespace Modelship.EndToEnd.Support;

/// <summary>
/// What every end-to-end test needs once per run: the ONNX Runtime library (through <c>MODELSHIP_ONNXRUNTIME</c>,
/// which the started processes inherit), the iris example models and the <c>modelship</c> executable.
/// </summary>
public sealed class ServingEnvironment
{
    private const string LibraryVariable = "MODELSHIP_ONNXRUNTIME";
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
        await EnsureOnnxRuntimeAsync();
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

    /// <summary>`make test` sets the variable; a bare `dotnet test` gets it from the install script, as `make run` does.</summary>
    private static async Task EnsureOnnxRuntimeAsync()
    {
        if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable(LibraryVariable)))
        {
            return;
        }
        string directory;
        try
        {
            directory = (await ExternalCommand.RunAsync(RepositoryRoot.Combine("hack", "install-onnxruntime.sh"), [], TimeSpan.FromMinutes(5))).Trim();
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException or System.ComponentModel.Win32Exception)
        {
            throw new InvalidOperationException(
                $"{LibraryVariable} is not set and hack/install-onnxruntime.sh failed ({e.Message}); " +
                $"set {LibraryVariable} to the directory holding libonnxruntime.so.1", e);
        }
        if (!File.Exists(Path.Combine(directory, "libonnxruntime.so.1")))
        {
            throw new InvalidOperationException($"hack/install-onnxruntime.sh printed '{directory}', which holds no libonnxruntime.so.1");
        }
        Environment.SetEnvironmentVariable(LibraryVariable, directory);
    }
}
