using System.Text.Json;
using Modelship.EndToEnd.Support;

namespace Modelship.EndToEnd.Grpc;

/// <summary>
/// Debian's python3-grpcio with stubs generated from the repository's proto by python3-grpc-tools: the client the
/// gRPC tests speak through, so the service is checked against a gRPC stack that is not .NET's. Installed (when
/// missing) and generated once per test run.
/// </summary>
public sealed class GrpcPythonClient
{
    private static readonly Lazy<Task<GrpcPythonClient>> SharedInstance = new(CreateAsync);

    private readonly string _python;
    private readonly string _stubs;

    private GrpcPythonClient(string python, string stubs)
    {
        _python = python;
        _stubs = stubs;
    }

    public static Task<GrpcPythonClient> GetAsync() => SharedInstance.Value;

    /// <summary>Runs grpc_client.py against <paramref name="target"/> (host:port) and returns the JSON it prints.</summary>
    public async Task<JsonElement> RunAsync(string target, params string[] arguments)
    {
        var script = Path.Combine(AppContext.BaseDirectory, "Grpc", "grpc_client.py");
        var output = await ExternalCommand.RunAsync(_python, [script, _stubs, target, .. arguments], TimeSpan.FromMinutes(2));
        using var document = JsonDocument.Parse(output);
        return document.RootElement.Clone();
    }

    private static async Task<GrpcPythonClient> CreateAsync()
    {
        // Debian's python3: the packages below install into it, whatever python3 comes first on PATH.
        var python = Environment.GetEnvironmentVariable("MODELSHIP_PYTHON") ?? "/usr/bin/python3";
        await ExternalCommand.RunAsync(RepositoryRoot.Combine("hack", "apt-install.sh"), ["python3-grpcio", "python3-grpc-tools"], TimeSpan.FromMinutes(10));
        var stubs = Directory.CreateTempSubdirectory("modelship-e2e-grpc-stubs-").FullName;
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                Directory.Delete(stubs, recursive: true);
            }
            catch (IOException)
            {
            }
        };
        var protos = RepositoryRoot.Combine("src", "Modelship.Serving", "Protos");
        await ExternalCommand.RunAsync(
            python,
            ["-m", "grpc_tools.protoc", $"-I{protos}", $"--python_out={stubs}", $"--grpc_python_out={stubs}", Path.Combine(protos, "grpc_predict_v2.proto")],
            TimeSpan.FromMinutes(1));
        return new GrpcPythonClient(python, stubs);
    }
}
