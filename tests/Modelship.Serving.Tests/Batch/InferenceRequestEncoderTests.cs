using System.Text;
using System.Text.Json;
using FluentAssertions;
using Modelship.Serving.Batch;
using Xunit;

namespace Modelship.Serving.Tests.Batch;

public sealed class InferenceRequestEncoderTests
{
    private static readonly string[] Columns = ["a", "b", "label"];
    private static readonly TensorLayout TwoColumns = new([new TensorBinding("input", "FP32", [0, 1], false)]);

    private static BatchInputRow Row(long number, params string?[] values) => new(number, number + 1, values);

    [Fact]
    public void Rows_become_one_row_major_tensor_with_the_parameters()
    {
        var encoded = InferenceRequestEncoder.Encode([Row(1, "5.1", "3.5", "x"), Row(2, "4.9", " 3 ", "y")], Columns, TwoColumns,
            RequestParameters.Parse(["threshold=0.5", "explain=true", "segment=gold", "count=3"]));

        encoded.Refused.Should().BeEmpty();
        Encoding.UTF8.GetString(encoded.Body!).Should().Be(
            """{"parameters":{"count":3,"explain":true,"segment":"gold","threshold":0.5},"inputs":[{"name":"input","datatype":"FP32","shape":[2,2],"data":[5.1,3.5,4.9,3]}]}""");
    }

    [Fact]
    public void A_non_numeric_or_missing_value_refuses_only_its_row_naming_row_and_column()
    {
        var encoded = InferenceRequestEncoder.Encode([Row(1, "1", "2", ""), Row(2, "1", "abc", ""), Row(3, null, "2", ""), Row(4, "NaN", "1", "")], Columns, TwoColumns, RequestParameters.None);

        encoded.Sent.Select(r => r.Number).Should().Equal(1);
        encoded.Refused.Select(r => r.Error).Should().Equal(
            "row 2 (line 3), column b: \"abc\" is not a finite number (input tensor input is FP32)",
            "row 3 (line 4), column a: no value (input tensor input is FP32)",
            "row 4 (line 5), column a: \"NaN\" is not a finite number (input tensor input is FP32)");
        using var body = JsonDocument.Parse(encoded.Body!);
        body.RootElement.GetProperty("inputs")[0].GetProperty("shape").GetRawText().Should().Be("[1,2]");
    }

    [Fact]
    public void A_row_with_a_reader_problem_is_refused_and_no_body_is_made_when_no_row_is_left()
    {
        var encoded = InferenceRequestEncoder.Encode([new BatchInputRow(7, 8, ["1", "2", null], "has 2 field(s), the header has 3 (a, b, label)")], Columns, TwoColumns, RequestParameters.None);

        encoded.Body.Should().BeNull();
        encoded.Refused.Should().ContainSingle().Which.Error.Should().Be("row 7 (line 8) has 2 field(s), the header has 3 (a, b, label)");
    }

    [Fact]
    public void Per_column_tensors_keep_their_datatypes()
    {
        var layout = new TensorLayout([new TensorBinding("age", "INT64", [0], false), new TensorBinding("country", "BYTES", [1], true)]);

        var encoded = InferenceRequestEncoder.Encode([Row(1, "42", "de", null), Row(2, "4.5", "fr", null)], Columns, layout, RequestParameters.None);

        encoded.Refused.Should().ContainSingle().Which.Error.Should().Contain("column a: \"4.5\" is not an integer");
        Encoding.UTF8.GetString(encoded.Body!).Should().Be(
            """{"inputs":[{"name":"age","datatype":"INT64","shape":[1,1],"data":[42]},{"name":"country","datatype":"BYTES","shape":[1],"data":["de"]}]}""");
    }

    [Fact]
    public void Parameters_that_are_not_key_value_are_refused()
    {
        FluentActions.Invoking(() => RequestParameters.Parse(["novalue"])).Should().Throw<BatchInputException>().WithMessage("*\"novalue\" is not key=value*");
        FluentActions.Invoking(() => RequestParameters.Parse(["a=1", "a=2"])).Should().Throw<BatchInputException>().WithMessage("*names a twice*");
    }
}
