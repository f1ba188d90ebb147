using System.CommandLine;
using Modelship.Serving.Auth;

namespace Modelship.Cli.Commands;

/// <summary>The bearer-token flags of `router` and `run`: directories of token files, one token per file (a mounted Secret).</summary>
internal sealed class AuthTokenOptions
{
    private readonly Option<string?> _tokenDir = new("--auth-token-dir")
    {
        Description = "Directory of bearer token files (one token per file, e.g. a mounted Secret); when set, inference and metadata requests need 'authorization: Bearer <token>'. Changes apply without a restart",
    };

    private readonly Option<string?> _adminTokenDir = new("--admin-token-dir")
    {
        Description = "Directory of the admin tokens for /v2/logs, /v2/logs/export and POST .../actuals; default: the --auth-token-dir tokens",
    };

    public void AddTo(Command command)
    {
        command.Options.Add(_tokenDir);
        command.Options.Add(_adminTokenDir);
    }

    public AuthOptions Read(ParseResult parse) => new()
    {
        TokenDirectory = parse.GetValue(_tokenDir),
        AdminTokenDirectory = parse.GetValue(_adminTokenDir),
    };
}
