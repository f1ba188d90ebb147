using Modelship.Serving.Runtime.Onnx;

namespace Modelship.Serving.Tests.Runtime;

public sealed class OnnxRuntimeLibraryLocatorTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("modelship-locator-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void The_variable_may_name_the_library_file()
    {
        var library = Touch(Path.Combine(_directory, "libonnxruntime.so.1"));

        OnnxRuntimeLibraryLocator.Locate(Environment(("MODELSHIP_ONNXRUNTIME", library))).Should().Be(library);
    }

    [Fact]
    public void The_variable_may_name_the_directory_holding_it()
    {
        var library = Touch(Path.Combine(_directory, "libonnxruntime.so.1"));

        OnnxRuntimeLibraryLocator.Locate(Environment(("MODELSHIP_ONNXRUNTIME", _directory))).Should().Be(library);
    }

    [Fact]
    public void Without_the_variable_the_install_scripts_cache_is_used()
    {
        var library = Touch(Path.Combine(_directory, "onnxruntime-1.30.0", "libonnxruntime.so.1"));

        OnnxRuntimeLibraryLocator.Locate(Environment(("MODELSHIP_CACHE", _directory))).Should().Be(library);
    }

    [Fact]
    public void The_cache_defaults_to_home()
    {
        var library = Touch(Path.Combine(_directory, ".cache", "modelship", "onnxruntime-1.30.0", "libonnxruntime.so.1"));

        OnnxRuntimeLibraryLocator.Locate(Environment(("HOME", _directory))).Should().Be(library);
    }

    [Fact]
    public void A_missing_library_says_how_to_install_it()
    {
        var locate = () => OnnxRuntimeLibraryLocator.Locate(Environment(("MODELSHIP_CACHE", _directory)));

        locate.Should().Throw<OnnxRuntimeNotFoundException>()
            .Which.Message.Should().Contain("hack/install-onnxruntime.sh").And.Contain("MODELSHIP_ONNXRUNTIME")
            .And.Contain(Path.Combine(_directory, "onnxruntime-1.30.0", "libonnxruntime.so.1"));
    }

    [Fact]
    public void A_wrong_variable_is_an_error_not_a_fallback()
    {
        Touch(Path.Combine(_directory, "onnxruntime-1.30.0", "libonnxruntime.so.1"));
        var wrong = Path.Combine(_directory, "nope");

        var locate = () => OnnxRuntimeLibraryLocator.Locate(Environment(("MODELSHIP_ONNXRUNTIME", wrong), ("MODELSHIP_CACHE", _directory)));

        locate.Should().Throw<OnnxRuntimeNotFoundException>().Which.Message.Should().Contain($"MODELSHIP_ONNXRUNTIME={wrong}");
    }

    private static Func<string, string?> Environment(params (string Name, string Value)[] variables) =>
        name => variables.FirstOrDefault(v => v.Name == name).Value;

    private static string Touch(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, [0x7f]);
        return path;
    }
}
