using System.CommandLine;

namespace Modelship.Cli.Commands;

/// <summary>
/// `--grpc-port` of `router`, `runtime` and `run`: the Open Inference Protocol over gRPC on its own cleartext HTTP/2
/// port (src/Modelship.Serving/Grpc/README.md says why not the REST port). 0, the default, leaves gRPC off, so
/// processes started side by side never race for one port; the operator passes 8081, as KServe does.
/// </summary>
internal sealed class GrpcPortOption
{
    private readonly Option<int> _port = new("--grpc-port")
    {
        Description = "Port of the Open Inference Protocol over gRPC (h2c; 0: no gRPC)",
        DefaultValueFactory = _ => 0,
    };

    public void AddTo(Command command) => command.Options.Add(_port);

    /// <summary>The port, null when gRPC is off; <paramref name="problem"/> says what is wrong with the value.</summary>
    public int? Read(ParseResult parse, out string? problem)
    {
        var port = parse.GetValue(_port);
        problem = port is < 0 or > 65535 ? $"--grpc-port {port} is not within 0-65535" : null;
        return port > 0 ? port : null;
    }
}
