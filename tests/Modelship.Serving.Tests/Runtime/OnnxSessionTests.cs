using Modelship.Serving.Protocol;
using Modelship.Serving.Runtime;
using Modelship.Serving.Runtime.Onnx;
using Modelship.Serving.Tests.Models;

namespace Modelship.Serving.Tests.Runtime;

public sealed class OnnxSessionTests
{
    private static OnnxSession Load(string model) =>
        OnnxSession.Load(TestPrerequisites.OnnxRuntime, TestModels.PathOf(model), new OnnxSessionOptions { IntraOpThreads = 1 });

    [Fact]
    public void Reads_names_types_shapes_and_symbolic_dimensions()
    {
        using var session = Load(TestModels.MixedTypes);

        session.Inputs.Select(i => (i.Name, i.Kind, i.ElementType)).Should().Equal(
            ("features", OnnxValueKind.Tensor, OnnxElementType.Float),
            ("counts", OnnxValueKind.Tensor, OnnxElementType.Int64),
            ("flags", OnnxValueKind.Tensor, OnnxElementType.Bool),
            ("labels", OnnxValueKind.Tensor, OnnxElementType.String));
        session.Inputs[0].Shape.Should().Equal(-1, 3);
        session.Inputs[0].SymbolicDimensions.Should().Equal("batch", "");
        session.Outputs.Select(o => o.Name).Should().Equal("scaled", "next", "negated", "labels_out");
    }

    [Fact]
    public void The_library_version_is_the_packaged_one()
    {
        TestPrerequisites.OnnxRuntime.Version.Should().Be(OnnxRuntimeLibraryLocator.PackagedVersion);
    }

    [Fact]
    public void The_build_copies_only_the_linux_library_next_to_the_app()
    {
        var directory = AppContext.BaseDirectory;

        // Not the Windows onnxruntime.dll, not NuGet's runtimes/<rid>/native/ of every platform, not the managed API.
        Directory.EnumerateFiles(directory, "*onnxruntime*", SearchOption.AllDirectories)
            .Select(file => Path.GetRelativePath(directory, file))
            .Should().Equal("libonnxruntime.so");
    }

    [Fact]
    public void A_missing_model_file_is_a_typed_error_with_ort_s_message()
    {
        var load = () => OnnxSession.Load(TestPrerequisites.OnnxRuntime, "/nonexistent/model.onnx", new OnnxSessionOptions());

        load.Should().Throw<OnnxRuntimeException>()
            .Where(e => e.Code == OrtErrorCode.NoSuchFile && e.Message.Contains("/nonexistent/model.onnx"));
    }

    [Fact]
    public void A_file_that_is_not_a_model_is_a_typed_error()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, "not a protobuf");
            var load = () => OnnxSession.Load(TestPrerequisites.OnnxRuntime, path, new OnnxSessionOptions());

            load.Should().Throw<OnnxRuntimeException>().Which.Code.Should().Be(OrtErrorCode.InvalidProtobuf);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Inputs_ort_rejects_become_invalid_argument_errors()
    {
        using var session = Load(TestModels.LinearRegressor);
        // The validator would refuse this; the binding itself reports ONNX Runtime's complaint.
        var x = InferenceTensor.FromArray("X", [2], new[] { 1f, 2f });

        var run = () => session.Run([x]);

        run.Should().Throw<OnnxRuntimeException>().Which.Code.Should().Be(OrtErrorCode.InvalidArgument);
    }

    [Fact]
    public void Empty_batches_run()
    {
        using var session = Load(TestModels.MixedTypes);

        var outputs = session.Run(
        [
            InferenceTensor.FromArray("features", [0, 3], Array.Empty<float>()),
            InferenceTensor.FromArray("counts", [0], Array.Empty<long>()),
            InferenceTensor.FromArray("flags", [0], Array.Empty<bool>()),
            InferenceTensor.FromStrings("labels", [0], []),
        ]);

        outputs.Select(o => o.ElementCount).Should().AllBeEquivalentTo(0);
        outputs[0].Shape.Should().Equal(0, 3);
    }

    [Fact]
    public void Concurrent_runs_on_one_session_each_get_their_own_outputs()
    {
        using var session = Load(TestModels.MixedTypes);

        Parallel.For(0, 200, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            var outputs = session.Run(
            [
                InferenceTensor.FromArray("features", [1, 3], new float[] { i, -i, 0.5f }),
                InferenceTensor.FromArray("counts", [1], new long[] { i }),
                InferenceTensor.FromArray("flags", [1], new[] { i % 3 == 0 }),
                InferenceTensor.FromStrings("labels", [1], [$"label-{i}"]),
            ], ["labels_out", "scaled", "next"]);

            outputs[0].Strings.Should().Equal($"label-{i}");
            outputs[1].ToArray<float>().Should().Equal(2f * i, -2f * i, 1f);
            outputs[2].ToArray<long>().Should().Equal(i + 1);
        });
    }

    [Theory]
    [InlineData(1, 1, GraphOptimizationLevel.DisableAll)]
    [InlineData(2, 2, GraphOptimizationLevel.Basic)]
    [InlineData(0, 4, GraphOptimizationLevel.All)]
    public void Thread_and_optimization_settings_give_the_same_answers(int intraOp, int interOp, GraphOptimizationLevel level)
    {
        var options = new OnnxSessionOptions { IntraOpThreads = intraOp, InterOpThreads = interOp, GraphOptimizationLevel = level };
        using var session = OnnxSession.Load(TestPrerequisites.OnnxRuntime, TestModels.PathOf(TestModels.TreeRegressor), options);

        var outputs = session.Run(TestModels.Request(TestModels.TreeRegressor).Inputs);

        TensorAssert.Close(outputs.Single(), TestModels.ExpectedOutputs(TestModels.TreeRegressor).Single(), rtol: 1e-5, atol: 1e-6);
    }

    [Fact]
    public void A_disposed_session_refuses_to_run()
    {
        var session = Load(TestModels.LinearRegressor);
        session.Dispose();

        var run = () => session.Run([InferenceTensor.FromArray("X", [1, 3], new float[3])]);

        run.Should().Throw<ObjectDisposedException>();
    }

    [Fact]
    public void A_model_directory_resolves_to_its_one_onnx_file()
    {
        var directory = Directory.CreateTempSubdirectory("modelship-model-");
        try
        {
            var file = Path.Combine(directory.FullName, "regressor.onnx");
            File.Copy(TestModels.PathOf(TestModels.LinearRegressor), file);

            ModelFileLocator.Resolve(directory.FullName).Should().Be(file);

            File.Copy(file, Path.Combine(directory.FullName, "other.onnx"));
            var ambiguous = () => ModelFileLocator.Resolve(directory.FullName);
            ambiguous.Should().Throw<InvalidOperationException>().WithMessage("*other.onnx, regressor.onnx*");
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
