using System.Runtime.CompilerServices;
using k8s.Models;
using Modelship.Kubernetes.Models;
using Modelship.Operator.Rbac;

namespace Modelship.Operator.Tests.Rbac;

public sealed class RbacManifestsTests
{
    [Fact]
    public void Checked_in_rbac_files_match_the_generator()
    {
        foreach (var (manifest, directory) in RbacManifests.Generate().Select(m => (m, "config/rbac"))
            .Append((RbacManifests.GenerateChartRules(), "charts/modelship/templates")))
        {
            var path = Path.Combine(RepositoryRoot(), directory, manifest.FileName);
            File.Exists(path).Should().BeTrue($"{path} must be checked in (run `make manifests`)");
            File.ReadAllText(path).Should().Be(manifest.Content, $"{path} must match the generated RBAC (run `make manifests`)");
        }
    }

    [Fact]
    public void Leases_are_granted_only_in_the_operator_namespace_and_the_chart_names_the_router_role_by_template()
    {
        var rules = RbacManifests.Rules("modelship-router");

        rules.Keys.Should().Equal(RbacRoles.LeaderElection, RbacRoles.Operator, RbacRoles.OperatorCluster, RbacRoles.Router);
        rules[RbacRoles.OperatorCluster].Should().ContainSingle().Which.Should().BeEquivalentTo(new { Resources = new[] { "clusterroles" }, ResourceNames = new[] { "modelship-router" }, Verbs = new[] { "get" } });
        rules[RbacRoles.LeaderElection].Should().ContainSingle().Which.Resources.Should().Equal("leases");
        rules[RbacRoles.Operator].Should().NotContain(r => r.Resources!.Contains("leases"));
        var chart = RbacManifests.GenerateChartRules().Content;
        chart.Should().Contain("{{- define \"modelship.rbac.leaderElectionRules\" -}}").And.Contain("{{- define \"modelship.rbac.operatorRules\" -}}")
            .And.Contain("{{- define \"modelship.rbac.routerRules\" -}}").And.Contain("- {{ include \"modelship.routerClusterRoleName\" . }}")
            .And.NotContain(RbacRoles.RouterClusterRoleName);
    }

    [Fact]
    public void Rules_for_one_resource_are_merged_and_resources_with_equal_verbs_share_a_rule()
    {
        var rules = RbacManifests.Merge(
        [
            new RbacRuleAttribute { Resources = ["pods"], Verbs = ["watch", "get"] },
            new RbacRuleAttribute { Resources = ["pods"], Verbs = ["list", "get"] },
            new RbacRuleAttribute { Resources = ["services"], Verbs = ["get", "list", "watch"] },
            new RbacRuleAttribute { Group = "apps", Resources = ["deployments"], Verbs = ["get"] },
            new RbacRuleAttribute { Group = "rbac.authorization.k8s.io", Resources = ["clusterroles"], ResourceNames = ["b", "a"], Verbs = ["bind"] },
            new RbacRuleAttribute { Group = "rbac.authorization.k8s.io", Resources = ["clusterroles"], Verbs = ["get"] },
        ]);

        rules.Select(r => $"{r.ApiGroups![0]}|{string.Join(',', r.Resources!)}|{string.Join(',', r.ResourceNames ?? [])}|{string.Join(',', r.Verbs)}").Should().Equal(
            "|pods,services||get,list,watch",
            "apps|deployments||get",
            "rbac.authorization.k8s.io|clusterroles|a,b|bind",
            "rbac.authorization.k8s.io|clusterroles||get");
    }

    [Fact]
    public void The_output_does_not_depend_on_declaration_order()
    {
        var types = typeof(RbacManifests).Assembly.GetTypes();
        RbacManifests.Generate(types.Reverse()).Select(m => m.Content).Should().Equal(RbacManifests.Generate(types).Select(m => m.Content));
    }

    [Fact]
    public void The_operator_may_give_routers_their_identity_and_bind_only_the_router_role()
    {
        var operatorRole = Role(RbacRoles.Operator);

        Allows(operatorRole, "", "serviceaccounts", "create", "patch", "delete", "watch").Should().BeTrue();
        Allows(operatorRole, "rbac.authorization.k8s.io", "rolebindings", "create", "patch", "delete", "watch").Should().BeTrue();
        var bind = operatorRole.Should().ContainSingle(r => r.Verbs.Contains("bind")).Subject;
        bind.Resources.Should().Equal("clusterroles");
        bind.ResourceNames.Should().Equal("modelship-router");
        operatorRole.Should().NotContain(r => r.Verbs.Contains("escalate") || r.Verbs.Contains("*") || r.Resources!.Contains("roles"));
        Allows(operatorRole, "", "pods", "patch").Should().BeFalse("only routers annotate pods");
    }

    [Fact]
    public void The_router_role_follows_its_configmap_and_annotates_its_pod()
    {
        var router = Role(RbacRoles.Router);
        Allows(router, "", "configmaps", "get", "list", "watch").Should().BeTrue();
        Allows(router, "", "pods", "get", "patch").Should().BeTrue();
        router.Should().HaveCount(2);
    }

    private static List<V1PolicyRule> Role(string role) => RbacManifests.Rules("modelship-router")[role];

    private static bool Allows(List<V1PolicyRule> rules, string group, string resource, params string[] verbs) =>
        verbs.All(verb => rules.Any(r => r.ApiGroups!.Contains(group) && r.Resources!.Contains(resource) && r.ResourceNames is null && r.Verbs.Contains(verb)));

    private static string RepositoryRoot([CallerFilePath] string sourceFile = "")
    {
        for (var directory = new DirectoryInfo(Path.GetDirectoryName(sourceFile)!); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Operator.sln")))
            {
                return directory.FullName;
            }
        }
        throw new InvalidOperationException("Operator.sln not found above the test sources");
    }
}
