using System.CommandLine;
using Modelship.Cli.Commands;

namespace Modelship.Cli.Tests.Commands;

public sealed class OperatorCommandTests : IDisposable
{
    private readonly string _kubeconfig = Path.Combine(Path.GetTempPath(), $"modelship-cli-{Guid.NewGuid():N}.kubeconfig");

    public OperatorCommandTests() => File.WriteAllText(_kubeconfig, """
        apiVersion: v1
        kind: Config
        clusters: [{name: c, cluster: {server: "https://127.0.0.1:1"}}]
        users: [{name: u, user: {token: t}}]
        contexts: [{name: c, context: {cluster: c, user: u}}]
        current-context: c
        """);

    [Theory]
    [InlineData("often")]
    [InlineData("10")]
    [InlineData("-1h")]
    public async Task A_sync_period_that_is_not_a_duration_is_refused_before_anything_starts(string value)
    {
        var root = new RootCommand { OperatorCommand.Create() };

        var exitCode = await root.Parse(["operator", "--kubeconfig", _kubeconfig, "--sync-period", value]).InvokeAsync();

        exitCode.Should().Be(2);
    }

    public void Dispose() => File.Delete(_kubeconfig);
}
