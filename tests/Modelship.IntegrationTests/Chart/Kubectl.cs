namespace Modelship.IntegrationTests.Chart;

/// <summary>kubectl (Debian's kubernetes-client or the machine's) against the test cluster's kubeconfig.</summary>
public sealed class Kubectl(string kubeconfig)
{
    public const string Path = "/usr/bin/kubectl";

    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    public Task<CommandResult> RunAsync(params string[] arguments) =>
        CommandLine.RunAsync(Path, ["--kubeconfig", kubeconfig, .. arguments], Timeout);

    /// <summary>`kubectl apply --dry-run=server`: the API server validates and admits every object, stores none.</summary>
    public Task<CommandResult> DryRunApplyAsync(string manifestPath) => RunAsync("apply", "--dry-run=server", "-f", manifestPath);
}
