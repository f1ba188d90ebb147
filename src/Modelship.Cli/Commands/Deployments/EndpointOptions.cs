using System.CommandLine;
using Modelship.Cli.Client;

namespace Modelship.Cli.Commands.Deployments;

/// <summary>
/// --url, --local and --port: where predict and logs go. Without them, through the API server's Service proxy of the
/// current kubeconfig context (after reading the object, so a missing one or missing RBAC says so plainly).
/// </summary>
internal sealed class EndpointOptions
{
    public Option<string?> Url { get; } = new("--url") { Description = "A router's URL, such as http://127.0.0.1:8080 (no cluster is asked)" };

    public Option<bool> Local { get; } = new("--local") { Description = $"A local `modelship run` on 127.0.0.1 (--port, default {ServingEndpoint.LocalRunPort})" };

    public Option<int> Port { get; } = new("--port") { Description = "The port of the local `modelship run`", DefaultValueFactory = _ => ServingEndpoint.LocalRunPort };

    public Option<string> Timeout { get; } = new("--request-timeout") { Description = "How long to wait for the answer, such as 30s", DefaultValueFactory = _ => "60s" };

    public void AddTo(Command command)
    {
        command.Options.Add(Url);
        command.Options.Add(Local);
        command.Options.Add(Port);
        command.Options.Add(Timeout);
    }

    public TimeSpan RequestTimeout(ParseResult parse)
    {
        var text = parse.GetValue(Timeout);
        return Api.Validation.DurationParser.TryParse(text, out var timeout) && timeout > TimeSpan.Zero
            ? timeout
            : throw new ClientCommandException(CliExitCodes.Usage, $"--request-timeout {text}: not a duration such as 30s or 2m");
    }

    /// <summary>The direct endpoint of --url or --local, or null to go through the cluster.</summary>
    public Uri? Direct(ParseResult parse)
    {
        var url = parse.GetValue(Url);
        if (url is not null && parse.GetValue(Local))
        {
            throw new ClientCommandException(CliExitCodes.Usage, "give --url or --local, not both");
        }
        return url is not null ? ServingEndpoint.Direct(url)
            : parse.GetValue(Local) ? ServingEndpoint.Local(parse.GetValue(Port))
            : null;
    }
}

/// <summary>An endpoint and what must be disposed with it: the direct HttpClient or the cluster session.</summary>
internal sealed class OpenEndpoint(ServingEndpoint endpoint, IDisposable owner) : IDisposable
{
    public ServingEndpoint Endpoint { get; } = endpoint;

    public void Dispose() => owner.Dispose();

    /// <summary>--url/--local directly; else the Service proxy of the object named <paramref name="name"/>, after checking it exists.</summary>
    public static async Task<OpenEndpoint> OpenAsync(
        ParseResult parse, EndpointOptions options, ClusterOptions cluster, DeployedKind kind, string name, CancellationToken cancellationToken)
    {
        if (options.Direct(parse) is { } direct)
        {
            var http = new HttpClient { Timeout = System.Threading.Timeout.InfiniteTimeSpan };
            return new OpenEndpoint(new ServingEndpoint(http, direct, direct.AbsoluteUri.TrimEnd('/')), http);
        }
        var session = ClusterSession.Open(cluster.Read(parse));
        try
        {
            var objects = session.Client.For(kind.Resource);
            await session.CallAsync(kind, name, () => objects.GetAsync(session.Namespace, name, cancellationToken)).ConfigureAwait(false);
            var proxy = ServingEndpoint.ServiceProxy(session.Client.BaseUri, session.Namespace, name);
            return new OpenEndpoint(new ServingEndpoint(session.Client.HttpClient, proxy, $"the router of {kind.Noun}/{name} (through the API server's service proxy)"), session);
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }
}
