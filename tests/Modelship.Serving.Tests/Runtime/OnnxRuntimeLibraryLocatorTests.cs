using Modelship.Serving.Runtime.Onnx;

namespace Modelship.Serving.Tests.Runtime;

public sealed class OnnxRuntimeLibraryLocatorTests : IDisposable
{
    private const string Rid = "linux-x64";
    private readonly string _directory = Directory.CreateTempSubdirectory("modelship-locator-").FullName;
    private readonly string _app = Directory.CreateTempSubdirectory("modelship-locator-app-").FullName;

    public void Dispose()
    {
        Directory.Delete(_directory, recursive: true);
        Directory.Delete(_app, recursive: true);
    }

    [Theory]
    [InlineData("libonnxruntime.so")]
    [InlineData("libonnxruntime.so.1")]
    public void The_variable_may_name_the_library_file(string fileName)
    {
        var library = Touch(Path.Combine(_directory, fileName));

        Locate(("MODELSHIP_ONNXRUNTIME", library)).Should().Be(library);
    }

    [Theory]
    [InlineData("libonnxruntime.so")]
    [InlineData("libonnxruntime.so.1")]
    public void The_variable_may_name_the_directory_holding_it(string fileName)
    {
        var library = Touch(Path.Combine(_directory, fileName));

        Locate(("MODELSHIP_ONNXRUNTIME", _directory)).Should().Be(library);
    }

    [Fact]
    public void The_variable_wins_over_the_library_next_to_the_app()
    {
        Touch(Path.Combine(_app, "libonnxruntime.so"));
        var library = Touch(Path.Combine(_directory, "libonnxruntime.so.1"));

        Locate(("MODELSHIP_ONNXRUNTIME", _directory)).Should().Be(library);
    }

    [Fact]
    public void In_a_directory_the_package_s_name_comes_before_the_soname()
    {
        var library = Touch(Path.Combine(_app, "libonnxruntime.so"));
        Touch(Path.Combine(_app, "libonnxruntime.so.1"));

        Locate().Should().Be(library);
    }

    [Fact]
    public void Without_the_variable_the_library_next_to_the_app_is_used()
    {
        var library = Touch(Path.Combine(_app, "libonnxruntime.so"));

        Locate().Should().Be(library);
    }

    [Fact]
    public void NuGet_s_runtimes_folder_under_the_app_is_used_last()
    {
        var library = Touch(Path.Combine(_app, "runtimes", Rid, "native", "libonnxruntime.so"));

        Locate().Should().Be(library);
        var nextToApp = Touch(Path.Combine(_app, "libonnxruntime.so"));
        Locate().Should().Be(nextToApp);
    }

    [Fact]
    public void A_missing_library_says_where_it_was_looked_for_and_how_to_get_it()
    {
        var locate = () => Locate();

        locate.Should().Throw<OnnxRuntimeNotFoundException>()
            .Which.Message.Should().Contain("Microsoft.ML.OnnxRuntime").And.Contain("MODELSHIP_ONNXRUNTIME")
            .And.Contain(_app).And.Contain(Path.Combine(_app, "runtimes", Rid, "native"));
    }

    [Fact]
    public void A_wrong_variable_is_an_error_not_a_fallback()
    {
        Touch(Path.Combine(_app, "libonnxruntime.so"));
        var wrong = Path.Combine(_directory, "nope");

        var locate = () => Locate(("MODELSHIP_ONNXRUNTIME", wrong));

        locate.Should().Throw<OnnxRuntimeNotFoundException>().Which.Message.Should().Contain($"MODELSHIP_ONNXRUNTIME={wrong}");
    }

    [Fact]
    public void A_variable_naming_a_directory_without_the_library_is_an_error()
    {
        Touch(Path.Combine(_app, "libonnxruntime.so"));

        var locate = () => Locate(("MODELSHIP_ONNXRUNTIME", _directory));

        locate.Should().Throw<OnnxRuntimeNotFoundException>().Which.Message.Should().Contain($"MODELSHIP_ONNXRUNTIME={_directory}");
    }

    private string Locate(params (string Name, string Value)[] variables) =>
        OnnxRuntimeLibraryLocator.Locate(name => variables.FirstOrDefault(v => v.Name == name).Value, _app, Rid);

    private static string Touch(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, [0x7f]);
        return path;
    }
}
