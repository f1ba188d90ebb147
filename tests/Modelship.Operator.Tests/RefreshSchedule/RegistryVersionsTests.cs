using System.Text;
using k8s.Models;
using Modelship.Api.V1Alpha1;
using Modelship.Operator.Controllers.RefreshSchedule;

namespace Modelship.Operator.Tests.RefreshSchedule;

/// <summary>spec.source onto the registry sources, and the Secrets they read.</summary>
public sealed class RegistryVersionsTests : IDisposable
{
    private static readonly HttpClient Http = new();

    private readonly string _directory = Directory.CreateTempSubdirectory("modelship-registry-").FullName;
    private readonly Dictionary<string, V1Secret> _secrets = [];

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private RegistryVersions Registry() => new(Http, (ns, name, _) => Task.FromResult(_secrets.GetValueOrDefault($"{ns}/{name}")));

    [Fact]
    public async Task A_directory_source_lists_its_versions_with_their_metrics()
    {
        Directory.CreateDirectory(Path.Combine(_directory, "1.0.0"));
        File.WriteAllText(Path.Combine(_directory, "1.0.0", "model.onnx"), "onnx");
        File.WriteAllText(Path.Combine(_directory, "1.0.0", "metadata.json"), """{ "metrics": { "accuracy": 0.9 } }""");
        File.WriteAllText(Path.Combine(_directory, "2.0.0.onnx"), "onnx");

        var versions = await Registry().ListAsync("ml", new RefreshSource { Directory = new DirectoryVersionSourceSpec { Path = _directory } }, null, CancellationToken.None);

        versions.Select(v => (v.Version, v.Uri)).Should().Equal(("1.0.0", Path.Combine(_directory, "1.0.0")), ("2.0.0", Path.Combine(_directory, "2.0.0.onnx")));
        versions[0].Metrics.Should().Equal(new Dictionary<string, double> { ["accuracy"] = 0.9 });
    }

    [Fact]
    public async Task A_missing_secret_or_key_names_the_field_and_the_secret()
    {
        var source = new RefreshSource { Http = new HttpIndexVersionSourceSpec { Url = "http://127.0.0.1:9/index.json", BearerTokenSecretRef = new SecretKeyReference { Name = "index" } } };
        var missing = () => Registry().ListAsync("ml", source, null, CancellationToken.None);
        (await missing.Should().ThrowAsync<SourceSecretException>()).WithMessage("spec.source.http.bearerTokenSecretRef: Secret ml/index does not exist");

        _secrets["ml/index"] = new V1Secret { Metadata = new V1ObjectMeta { Name = "index", NamespaceProperty = "ml" }, Data = new Dictionary<string, byte[]> { ["other"] = Encoding.UTF8.GetBytes("x") } };
        (await missing.Should().ThrowAsync<SourceSecretException>()).WithMessage("spec.source.http.bearerTokenSecretRef: Secret ml/index has no key \"token\"");
    }

    [Fact]
    public async Task S3_credentials_need_both_keys()
    {
        _secrets["ml/s3"] = new V1Secret { Metadata = new V1ObjectMeta { Name = "s3", NamespaceProperty = "ml" }, Data = new Dictionary<string, byte[]> { ["accessKeyId"] = Encoding.UTF8.GetBytes("id\n") } };
        var source = new RefreshSource { S3 = new S3VersionSourceSpec { Bucket = "models", Endpoint = "http://127.0.0.1:9", CredentialsSecretRef = new S3CredentialsSecretReference { Name = "s3" } } };
        var list = () => Registry().ListAsync("ml", source, null, CancellationToken.None);
        (await list.Should().ThrowAsync<SourceSecretException>()).WithMessage("spec.source.s3.credentialsSecretRef: Secret ml/s3 has no key \"secretAccessKey\"");
    }
}
