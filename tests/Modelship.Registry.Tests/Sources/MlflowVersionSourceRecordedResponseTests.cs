using Microsoft.AspNetCore.Http;
using Modelship.Registry.Selection;
using Modelship.Registry.Sources;
using Modelship.Registry.Testing;

namespace Modelship.Registry.Tests.Sources;

/// <summary>
/// The MLflow source against recorded responses: no MLflow server can be installed here (it is neither a Debian nor an
/// npm package), so a real Kestrel server on 127.0.0.1 answers MLflow's REST API 2.0 requests with the JSON shapes
/// MLflow documents (registered_model / model_version objects, get-download-uri, runs/get, error_code bodies).
/// </summary>
public sealed class MlflowVersionSourceRecordedResponseTests
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(10) };

    private const string Version3 = """
        {"name": "churn", "version": "3", "creation_timestamp": 1764583200000, "last_updated_timestamp": 1764586800000,
         "current_stage": "None", "description": "", "user_id": "", "source": "mlflow-artifacts:/1/run3/artifacts/model",
         "run_id": "run3", "status": "READY", "run_link": "", "tags": [{"key": "team", "value": "growth"}],
         "aliases": ["champion"]}
        """;

    private const string Version4 = """
        {"name": "churn", "version": "4", "creation_timestamp": 1764669600000, "last_updated_timestamp": 1764669600000,
         "current_stage": "None", "source": "mlflow-artifacts:/1/run4/artifacts/model", "run_id": "run4", "status": "READY",
         "aliases": []}
        """;

    private const string Version5Pending = """
        {"name": "churn", "version": "5", "creation_timestamp": 1764756000000, "source": "mlflow-artifacts:/1/run5/artifacts/model",
         "run_id": "run5", "status": "PENDING_REGISTRATION"}
        """;

    private const string Version2 = """
        {"name": "churn", "version": "2", "creation_timestamp": "1764496800000", "source": "s3://mlflow/1/run2/artifacts/model",
         "run_id": "", "status": "READY"}
        """;

    private static string Run(string runId, double accuracy) =>
        MlflowRecordedResponses.Run(runId, new Dictionary<string, double> { ["accuracy"] = accuracy, ["auc"] = 0.97 });

    private static string DownloadUri(string version) => MlflowRecordedResponses.DownloadUri($"s3://mlflow-artifacts/1/run{version}/artifacts/model");

    private static readonly string NotFoundBody = MlflowRecordedResponses.Error("RESOURCE_DOES_NOT_EXIST", "Registered model alias champion not found.");

    /// <summary>Answers each recorded request (path plus the query parameters that select the answer).</summary>
    private static Task<LoopbackHttpServer> StartRecordedMlflowAsync(Func<string, IQueryCollection, (int Status, string Body)?> recorded) =>
        LoopbackHttpServer.StartAsync(context =>
        {
            var answer = recorded(context.Request.Path.Value!, context.Request.Query)
                ?? (404, """{"error_code": "ENDPOINT_NOT_FOUND", "message": "No API endpoint found"}""");
            return LoopbackHttpServer.RespondJson(context, answer.Body, answer.Status);
        });

    private static (int, string)? Registry(string path, IQueryCollection query) => path switch
    {
        "/api/2.0/mlflow/registered-models/alias" when query["name"] == "churn" && query["alias"] == "champion" => (200, $$"""{"model_version": {{Version3}}}"""),
        "/api/2.0/mlflow/registered-models/alias" => (404, NotFoundBody),
        "/api/2.0/mlflow/model-versions/search" when query["filter"] == "name='churn'" && query["page_token"].Count == 0 =>
            (200, $$"""{"model_versions": [{{Version4}}, {{Version5Pending}}], "next_page_token": "page-2"}"""),
        "/api/2.0/mlflow/model-versions/search" when query["filter"] == "name='churn'" && query["page_token"] == "page-2" =>
            (200, $$"""{"model_versions": [{{Version3}}, {{Version2}}]}"""),
        "/api/2.0/mlflow/model-versions/search" => (200, "{}"),
        "/api/2.0/mlflow/model-versions/get-download-uri" when query["name"] == "churn" => (200, DownloadUri(query["version"]!)),
        "/api/2.0/mlflow/runs/get" when query["run_id"] == "run3" => (200, Run("run3", 0.93)),
        "/api/2.0/mlflow/runs/get" when query["run_id"] == "run4" => (200, Run("run4", 0.95)),
        _ => null,
    };

    [Fact]
    public async Task By_alias_lists_the_aliased_version_with_its_download_uri_run_metrics_and_sends_the_token()
    {
        await using var server = await StartRecordedMlflowAsync(Registry);
        var source = new MlflowVersionSource(Http, new MlflowSourceOptions(server.BaseUrl, "churn", Alias: "champion", BearerToken: "dapi-123"));

        var versions = await source.ListAsync(CancellationToken.None);

        var version = versions.Should().ContainSingle().Subject;
        version.Version.Should().Be("3");
        version.Uri.Should().Be("s3://mlflow-artifacts/1/run3/artifacts/model");
        version.CreatedTime.Should().Be(DateTimeOffset.FromUnixTimeMilliseconds(1764583200000));
        version.Metrics.Should().Equal(new Dictionary<string, double> { ["accuracy"] = 0.93, ["auc"] = 0.97 });
        version.Aliases.Should().Equal("champion");
        version.Sha256.Should().BeNull();
        server.Requests.Select(r => r.Path).Should().Equal(
            "/api/2.0/mlflow/registered-models/alias",
            "/api/2.0/mlflow/model-versions/get-download-uri",
            "/api/2.0/mlflow/runs/get");
        server.Requests.Should().OnlyContain(r => r.Method == "GET" && r.Authorization == "Bearer dapi-123");
        server.Requests.ElementAt(1).Query.Should().Contain("version", "3");

        VersionSelection.Select(versions, new VersionSelectionCriteria(SelectionStrategy.Alias, Alias: "champion")).Chosen.Should().Be(version);
    }

    [Fact]
    public async Task Without_an_alias_lists_every_READY_version_across_search_pages_newest_first()
    {
        await using var server = await StartRecordedMlflowAsync(Registry);
        var source = new MlflowVersionSource(Http, new MlflowSourceOptions(server.BaseUrl, "churn"));

        var versions = await source.ListAsync(CancellationToken.None);

        versions.Select(v => v.Version).Should().Equal(["4", "3", "2"], "version 5 is still PENDING_REGISTRATION");
        versions[0].Metrics.Should().ContainKey("accuracy").WhoseValue.Should().Be(0.95);
        versions[2].Metrics.Should().BeEmpty("version 2 has no run");
        versions[2].CreatedTime.Should().Be(DateTimeOffset.FromUnixTimeMilliseconds(1764496800000), "int64 fields may arrive as strings");
        versions[0].Aliases.Should().BeEmpty();
        server.Requests.Where(r => r.Path.EndsWith("/search", StringComparison.Ordinal)).Should().HaveCount(2);
        server.Requests.Should().OnlyContain(r => r.Authorization == null);

        var newest = VersionSelection.Select(versions, new VersionSelectionCriteria(SelectionStrategy.NewestCreated));
        newest.Chosen!.Version.Should().Be("4");
    }

    [Fact]
    public async Task MaxVersions_keeps_the_newest_and_run_metrics_can_be_left_out()
    {
        await using var server = await StartRecordedMlflowAsync(Registry);
        var source = new MlflowVersionSource(Http, new MlflowSourceOptions(server.BaseUrl, "churn", IncludeRunMetrics: false, MaxVersions: 1));

        var versions = await source.ListAsync(CancellationToken.None);

        versions.Should().ContainSingle().Which.Should().Match<ModelVersion>(v => v.Version == "4" && v.Metrics.Count == 0);
        server.Requests.Should().NotContain(r => r.Path.EndsWith("/runs/get", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_version_whose_run_was_deleted_is_listed_without_metrics()
    {
        await using var server = await StartRecordedMlflowAsync((path, query) => path == "/api/2.0/mlflow/runs/get"
            ? (404, $$"""{"error_code": "RESOURCE_DOES_NOT_EXIST", "message": "Run '{{query["run_id"]}}' not found"}""")
            : Registry(path, query));
        var source = new MlflowVersionSource(Http, new MlflowSourceOptions(server.BaseUrl, "churn", Alias: "champion"));

        var version = (await source.ListAsync(CancellationToken.None)).Should().ContainSingle().Subject;

        version.Metrics.Should().BeEmpty();
        version.Uri.Should().Be("s3://mlflow-artifacts/1/run3/artifacts/model");
        server.Requests.Should().Contain(r => r.Path == "/api/2.0/mlflow/runs/get", "the run was asked for");
    }

    [Fact]
    public async Task A_tracking_URI_with_a_path_prefix_keeps_the_prefix()
    {
        await using var server = await StartRecordedMlflowAsync((path, query) =>
            path.StartsWith("/mlflow/", StringComparison.Ordinal) ? Registry(path["/mlflow".Length..], query) : null);
        var source = new MlflowVersionSource(Http, new MlflowSourceOptions(new Uri(server.BaseUrl, "mlflow"), "churn", Alias: "champion"));

        (await source.ListAsync(CancellationToken.None)).Should().ContainSingle();
    }

    [Fact]
    public async Task An_unknown_alias_is_NotFound_with_MLflows_message()
    {
        await using var server = await StartRecordedMlflowAsync(Registry);
        var source = new MlflowVersionSource(Http, new MlflowSourceOptions(server.BaseUrl, "churn", Alias: "challenger"));

        var error = await ListExpectingErrorAsync(source);

        error.Kind.Should().Be(ModelSourceErrorKind.NotFound);
        error.Message.Should().Contain("registered-models/alias").And.Contain("RESOURCE_DOES_NOT_EXIST");
    }

    [Fact]
    public async Task A_model_without_versions_is_NotFound()
    {
        await using var server = await StartRecordedMlflowAsync(Registry);
        var source = new MlflowVersionSource(Http, new MlflowSourceOptions(server.BaseUrl, "fraud"));

        var error = await ListExpectingErrorAsync(source);

        error.Kind.Should().Be(ModelSourceErrorKind.NotFound);
        error.Message.Should().Contain("no versions of registered model \"fraud\"");
    }

    [Fact]
    public async Task A_refused_token_is_Unauthorized()
    {
        await using var server = await StartRecordedMlflowAsync((_, _) =>
            (401, """{"error_code": "UNAUTHENTICATED", "message": "Invalid access token."}"""));
        var source = new MlflowVersionSource(Http, new MlflowSourceOptions(server.BaseUrl, "churn", Alias: "champion", BearerToken: "expired"));

        var error = await ListExpectingErrorAsync(source);

        error.Kind.Should().Be(ModelSourceErrorKind.Unauthorized);
        error.Message.Should().Contain("401").And.Contain("Invalid access token.");
    }

    [Theory]
    [InlineData("{}", "has no \"model_version\"")]
    [InlineData("""{"model_version": {"name": "churn", "status": "READY"}}""", "without a \"version\"")]
    [InlineData("""{"model_version": []}""", "did not return the expected JSON")]
    public async Task Malformed_registry_answers_are_InvalidResponse(string aliasBody, string expected)
    {
        await using var server = await StartRecordedMlflowAsync((_, _) => (200, aliasBody));
        var source = new MlflowVersionSource(Http, new MlflowSourceOptions(server.BaseUrl, "churn", Alias: "champion"));

        var error = await ListExpectingErrorAsync(source);

        error.Kind.Should().Be(ModelSourceErrorKind.InvalidResponse);
        error.Message.Should().Contain(expected);
    }

    [Theory]
    [InlineData("churn", "name='churn'")]
    [InlineData("bob's model", "name=\"bob's model\"")]
    public void The_search_filter_quotes_the_name(string name, string filter)
    {
        MlflowVersionSource.NameFilter(name).Should().Be(filter);
    }

    private static async Task<ModelSourceException> ListExpectingErrorAsync(MlflowVersionSource source)
    {
        var act = () => source.ListAsync(CancellationToken.None);
        return (await act.Should().ThrowAsync<ModelSourceException>()).Which;
    }
}
