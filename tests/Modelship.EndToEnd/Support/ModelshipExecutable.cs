namespace Modelship.EndToEnd.Support;

/// <summary>
/// The <c>modelship</c> executable that the project reference to Modelship.Cli builds next to the test assembly: its
/// modelship.dll run by the dotnet host (which needs no DOTNET_ROOT), or the apphost when there is no dll.
/// </summary>
public sealed record ModelshipExecutable(string FileName, IReadOnlyList<string> LeadingArguments)
{
    public static ModelshipExecutable NextToTests()
    {
        var directory = AppContext.BaseDirectory;
        var dll = Path.Combine(directory, "modelship.dll");
        if (File.Exists(dll))
        {
            return new ModelshipExecutable(DotnetHost(), [dll]);
        }
        var apphost = Path.Combine(directory, "modelship");
        if (File.Exists(apphost))
        {
            return new ModelshipExecutable(apphost, []);
        }
        throw new InvalidOperationException($"neither modelship.dll nor the modelship apphost is in {directory}; the project reference to Modelship.Cli builds them");
    }

    public IEnumerable<string> Arguments(IEnumerable<string> arguments) => LeadingArguments.Concat(arguments);

    private static string DotnetHost()
    {
        // `dotnet test` tells its children where the host is; the test host itself usually runs under it too.
        var fromCli = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (!string.IsNullOrEmpty(fromCli) && File.Exists(fromCli))
        {
            return fromCli;
        }
        var current = Environment.ProcessPath;
        return current is not null && Path.GetFileNameWithoutExtension(current) == "dotnet" ? current : "dotnet";
    }
}
