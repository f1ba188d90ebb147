using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Modelship.Serving.Protocol;
using Modelship.Serving.Tests.Runtime;

namespace Modelship.Serving.Tests.Models;

/// <summary>
/// The models make_test_models.py generates, in a temp directory keyed by the script's hash (generated once, reused
/// until the script changes). Each comes with the inputs and the numpy-computed outputs the script wrote.
/// </summary>
internal static class TestModels
{
    public const string LinearRegressor = "linear_regressor";
    public const string TreeRegressor = "tree_regressor";
    public const string LinearClassifier = "linear_classifier";
    public const string ZipMapClassifier = "zipmap_classifier";
    public const string MixedTypes = "mixed_types";
    public const string Bfloat16Output = "bfloat16_output";

    private static readonly Lazy<string> GeneratedDirectory = new(Generate);

    public static string Directory => GeneratedDirectory.Value;

    public static string PathOf(string model) => Path.Combine(Directory, model + ".onnx");

    /// <summary>The script's inputs for <paramref name="model"/> as a V2 request body.</summary>
    public static byte[] RequestBody(string model)
    {
        var inputs = new JsonArray();
        foreach (var (name, tensor) in Expected(model)["inputs"]!.AsObject())
        {
            var input = tensor!.DeepClone().AsObject();
            input["name"] = name;
            inputs.Add(input);
        }

        return System.Text.Encoding.UTF8.GetBytes(new JsonObject { ["inputs"] = inputs }.ToJsonString());
    }

    public static InferenceRequest Request(string model) => InferenceRequestJson.Parse(RequestBody(model));

    /// <summary>The expected outputs, in the V2 form the script wrote (model name "expected").</summary>
    public static IReadOnlyList<InferenceTensor> ExpectedOutputs(string model)
    {
        var outputs = new JsonArray();
        foreach (var (name, tensor) in Expected(model)["outputs"]!.AsObject())
        {
            var output = tensor!.DeepClone().AsObject();
            output["name"] = name;
            outputs.Add(output);
        }

        var body = new JsonObject { ["model_name"] = "expected", ["outputs"] = outputs }.ToJsonString();
        return InferenceResponseJson.Parse(System.Text.Encoding.UTF8.GetBytes(body)).Outputs;
    }

    private static JsonNode Expected(string model) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(Directory, model + ".expected.json")))!;

    private static string Generate()
    {
        var script = TestPrerequisites.TestModelSource("make_test_models.py");
        var hash = Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(script)))[..16].ToLowerInvariant();
        var target = Path.Combine(Path.GetTempPath(), "modelship-test-models", hash);
        if (System.IO.Directory.Exists(target)) return target;

        var staging = target + ".tmp-" + Environment.ProcessId;
        using var process = Process.Start(new ProcessStartInfo(TestPrerequisites.Python, [script, staging])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        })!;
        var errors = process.StandardError.ReadToEndAsync();
        process.WaitForExit(120_000);
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{script} failed with exit code {process.ExitCode}: {errors.Result}");
        try
        {
            System.IO.Directory.Move(staging, target);
        }
        catch (IOException) when (System.IO.Directory.Exists(target))
        {
            // Another test process generated the same models first.
            System.IO.Directory.Delete(staging, recursive: true);
        }

        return target;
    }
}
