using System.CommandLine;

namespace Modelship.Cli.Client;

/// <summary>
/// <c>--kubeconfig</c>, <c>--context</c> and <c>-n/--namespace</c>, as kubectl has them. Without --kubeconfig the
/// configuration is found like kubectl's: KUBECONFIG, else in-cluster, else ~/.kube/config (never localhost); the
/// namespace is -n, else the context's namespace, else <c>default</c>.
/// </summary>
public sealed class ClusterOptions
{
    public const string DefaultNamespace = "default";

    public Option<string?> Kubeconfig { get; } = new("--kubeconfig") { Description = "Path to the kubeconfig file (default: KUBECONFIG, in-cluster, ~/.kube/config)", Recursive = true };

    public Option<string?> Context { get; } = new("--context") { Description = "The kubeconfig context to use (default: its current-context)", Recursive = true };

    public Option<string?> Namespace { get; } = new("--namespace", "-n") { Description = "Namespace (default: the context's namespace, else default)", Recursive = true };

    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.Options.Add(Kubeconfig);
        command.Options.Add(Context);
        command.Options.Add(Namespace);
    }

    public ClusterSelection Read(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        return new ClusterSelection(parse.GetValue(Kubeconfig), parse.GetValue(Context), parse.GetValue(Namespace));
    }
}

/// <summary>What the command line chose: all optional.</summary>
public sealed record ClusterSelection(string? Kubeconfig, string? Context, string? Namespace);
