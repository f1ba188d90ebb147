using System.Text;
using FluentAssertions;
using Modelship.Serving.Batch;
using Xunit;

namespace Modelship.Serving.Tests.Batch;

public sealed class InferenceResponseDecoderTests
{
    [Fact]
    public void Outputs_are_split_per_row_scalars_as_values_and_vectors_as_arrays()
    {
        var body = Encoding.UTF8.GetBytes("""
            {"model_name":"iris","outputs":[
              {"name":"label","datatype":"INT64","shape":[2],"data":[0,2]},
              {"name":"probabilities","datatype":"FP32","shape":[2,3],"data":[[0.9,0.1,0.0],[0.1,0.2,0.7]]},
              {"name":"tag","datatype":"BYTES","shape":[2,1],"data":["a","b"]}]}
            """);

        var rows = InferenceResponseDecoder.Split(body, 2);

        rows[0].Should().Equal(new Dictionary<string, string> { ["label"] = "0", ["probabilities"] = "[0.9,0.1,0.0]", ["tag"] = "\"a\"" });
        rows[1]["probabilities"].Should().Be("[0.1,0.2,0.7]");
    }

    [Theory]
    [InlineData("""{"outputs":[{"name":"label","shape":[3],"data":[0,1,2]}]}""", "*label has shape [3] and 3 values; 2 rows were sent*")]
    [InlineData("""{"error":"nope"}""", "*no outputs array*")]
    [InlineData("not json", "*not JSON*")]
    public void An_answer_that_does_not_fit_the_rows_sent_is_refused(string body, string message)
    {
        FluentActions.Invoking(() => InferenceResponseDecoder.Split(Encoding.UTF8.GetBytes(body), 2))
            .Should().Throw<BatchResponseException>().WithMessage(message);
    }
}
