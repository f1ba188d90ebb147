using Modelship.Registry.Sources;

namespace Modelship.Registry.Tests.Sources;

public sealed class DirectoryVersionSourceTests : IDisposable
{
    private static readonly DateTime Monday = new(2026, 11, 30, 8, 0, 0, DateTimeKind.Utc);
    private const string Sha = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    private Task<IReadOnlyList<ModelVersion>> ListAsync() =>
        new DirectoryVersionSource(new DirectorySourceOptions(_directory.Path)).ListAsync(CancellationToken.None);

    [Fact]
    public async Task Folders_and_model_files_are_versions_named_after_them_with_last_write_times()
    {
        _directory.Write("v1/model.onnx", "one", Monday);
        _directory.Write("v2/model.onnx", "two", Monday.AddDays(1));
        _directory.Write("v2/labels.txt", "a,b", Monday.AddDays(2));
        _directory.Write("churn-3.onnx", "three", Monday.AddDays(3));

        var versions = await ListAsync();

        versions.Select(v => (v.Version, v.Uri, v.CreatedTime)).Should().Equal(
            ("churn-3", Path.Combine(_directory.Path, "churn-3.onnx"), new DateTimeOffset(Monday.AddDays(3))),
            ("v1", Path.Combine(_directory.Path, "v1"), new DateTimeOffset(Monday)),
            ("v2", Path.Combine(_directory.Path, "v2"), new DateTimeOffset(Monday.AddDays(2))));
        versions.Should().OnlyContain(v => v.Sha256 == null && v.Metrics.Count == 0 && v.Aliases.Count == 0);
    }

    [Fact]
    public async Task Metadata_json_in_a_folder_or_beside_a_file_overrides_name_and_time_and_adds_sha_metrics_aliases()
    {
        _directory.Write("2026-12-01/model.onnx", "one", Monday);
        _directory.Write("2026-12-01/metadata.json", $$"""
            {"version": "1.4.0", "createdTime": "2026-12-01T10:00:00Z", "sha256": "{{Sha.ToUpperInvariant()}}",
             "metrics": {"accuracy": 0.93, "auc": 0.97}, "aliases": ["champion"]}
            """);
        _directory.Write("next.onnx", "two", Monday);
        _directory.Write("next.onnx.metadata.json", """{"version": "1.5.0-rc.1", "metrics": {"accuracy": 0.95}}""");

        var versions = await ListAsync();

        versions.Should().HaveCount(2);
        var folder = versions.Single(v => v.Version == "1.4.0");
        folder.Uri.Should().Be(Path.Combine(_directory.Path, "2026-12-01"));
        folder.CreatedTime.Should().Be(new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.Zero));
        folder.Sha256.Should().Be(Sha, "digests are reported in lower case");
        folder.Metrics.Should().Equal(new Dictionary<string, double> { ["accuracy"] = 0.93, ["auc"] = 0.97 });
        folder.Aliases.Should().Equal("champion");
        var file = versions.Single(v => v.Version == "1.5.0-rc.1");
        file.Uri.Should().Be(Path.Combine(_directory.Path, "next.onnx"));
        file.CreatedTime.Should().Be(new DateTimeOffset(Monday), "without createdTime the file's last write time is used");
        file.Metrics.Should().ContainKey("accuracy").WhoseValue.Should().Be(0.95);
    }

    [Fact]
    public async Task Hidden_entries_and_files_that_are_not_models_are_ignored()
    {
        _directory.Write(".v9-being-copied/model.onnx", "partial");
        _directory.Write(".hidden.onnx", "x");
        _directory.Write("README.md", "notes");
        _directory.Write("v1.onnx", "one");

        var versions = await ListAsync();

        versions.Select(v => v.Version).Should().Equal("v1");
    }

    [Fact]
    public async Task Other_model_file_extensions_can_be_configured()
    {
        _directory.Write("a.onnx", "one");
        _directory.Write("b.pt", "two");

        var versions = await new DirectoryVersionSource(new DirectorySourceOptions(_directory.Path, [".pt"])).ListAsync(CancellationToken.None);

        versions.Select(v => v.Version).Should().Equal("b");
    }

    [Fact]
    public async Task An_empty_directory_has_no_versions()
    {
        (await ListAsync()).Should().BeEmpty();
    }

    [Fact]
    public async Task A_missing_directory_is_NotFound()
    {
        var missing = Path.Combine(_directory.Path, "nope");

        var act = () => new DirectoryVersionSource(new DirectorySourceOptions(missing)).ListAsync(CancellationToken.None);

        (await act.Should().ThrowAsync<ModelSourceException>()).Which.Should().Match<ModelSourceException>(e =>
            e.Kind == ModelSourceErrorKind.NotFound && e.Message.Contains(missing));
    }

    [Theory]
    [InlineData("{\"version\": ", "is not valid metadata JSON")]
    [InlineData("[1, 2]", "is not valid metadata JSON")]
    [InlineData("{\"metrics\": {\"accuracy\": \"high\"}}", "is not valid metadata JSON")]
    [InlineData("{\"createdTime\": \"yesterday\"}", "is not valid metadata JSON")]
    [InlineData("{\"sha256\": \"abc\"}", "is not 64 hexadecimal characters")]
    [InlineData("{\"version\": \"  \"}", "version is empty")]
    [InlineData("null", "expected a JSON object")]
    public async Task Malformed_metadata_is_InvalidMetadata_naming_the_file(string metadata, string expected)
    {
        _directory.Write("v1/model.onnx", "one");
        var path = _directory.Write("v1/metadata.json", metadata);

        var act = ListAsync;

        var error = (await act.Should().ThrowAsync<ModelSourceException>()).Which;
        error.Kind.Should().Be(ModelSourceErrorKind.InvalidMetadata);
        error.Message.Should().Contain(path).And.Contain(expected);
    }

    [Fact]
    public async Task Two_entries_claiming_one_version_are_InvalidMetadata()
    {
        _directory.Write("a.onnx", "one");
        _directory.Write("a.onnx.metadata.json", """{"version": "1.0.0"}""");
        _directory.Write("b/metadata.json", """{"version": "1.0.0"}""");

        var act = ListAsync;

        (await act.Should().ThrowAsync<ModelSourceException>()).Which.Message.Should().Contain("version 1.0.0 is claimed by more than one entry");
    }
}
