using FluentAssertions;
using Modelship.Serving.Batch;
using Modelship.Serving.Protocol;
using Xunit;

namespace Modelship.Serving.Tests.Batch;

public sealed class TensorLayoutPlannerTests
{
    private static readonly string[] IrisColumns = ["sepal_length", "sepal_width", "petal_length", "petal_width", "species"];
    private static readonly TensorMetadata IrisInput = new("input", "FP32", [-1, 4]);

    [Fact]
    public void Chosen_columns_become_one_tensor_named_and_typed_by_the_models_only_input()
    {
        var layout = TensorLayoutPlanner.Plan(IrisColumns, [IrisInput], new TensorLayoutOptions(Columns: ["petal_width", "sepal_length", "sepal_width", "petal_length"]));

        layout.Tensors.Should().ContainSingle().Which.Should().BeEquivalentTo(new TensorBinding("input", "FP32", [3, 0, 1, 2], false));
    }

    [Fact]
    public void A_column_count_that_does_not_fit_the_models_width_is_refused_naming_both()
    {
        var act = () => TensorLayoutPlanner.Plan(IrisColumns, [IrisInput], new TensorLayoutOptions());

        act.Should().Throw<BatchInputException>().WithMessage("*takes 4 values per row*5 columns*species*--columns*");
    }

    [Fact]
    public void Model_inputs_named_like_columns_get_one_tensor_each_with_their_datatype_and_rank()
    {
        var layout = TensorLayoutPlanner.Plan(["age", "country", "income"], [new("age", "INT64", [-1, 1]), new("country", "BYTES", [-1])], new TensorLayoutOptions());

        layout.Tensors.Should().BeEquivalentTo(new[]
        {
            new TensorBinding("age", "INT64", [0], false),
            new TensorBinding("country", "BYTES", [1], true),
        }, o => o.WithStrictOrdering());
    }

    [Fact]
    public void Several_model_inputs_that_are_not_columns_need_an_input_name()
    {
        var act = () => TensorLayoutPlanner.Plan(["a", "b"], [new("x", "FP32", [-1, 1]), new("y", "FP32", [-1, 1])], new TensorLayoutOptions());

        act.Should().Throw<BatchInputException>().WithMessage("*inputs x, y*columns are a, b*--input-name*");
    }

    [Fact]
    public void An_unknown_column_or_input_name_is_refused_with_what_exists()
    {
        FluentActions.Invoking(() => TensorLayoutPlanner.Plan(IrisColumns, [IrisInput], new TensorLayoutOptions(Columns: ["petal"])))
            .Should().Throw<BatchInputException>().WithMessage("*no column \"petal\"*sepal_length, sepal_width*");
        FluentActions.Invoking(() => TensorLayoutPlanner.Plan(["a"], [IrisInput], new TensorLayoutOptions(InputName: "features")))
            .Should().Throw<BatchInputException>().WithMessage("*--input-name features*has input*");
    }

    [Fact]
    public void Without_metadata_inputs_an_input_name_gives_an_FP32_tensor()
    {
        var layout = TensorLayoutPlanner.Plan(["a", "b"], [], new TensorLayoutOptions(InputName: "features"));

        layout.Tensors.Should().ContainSingle().Which.Should().BeEquivalentTo(new TensorBinding("features", "FP32", [0, 1], false));
    }
}
