using System.Net;
using System.Text;
using System.Text.Json;
using Modelship.Api.Routing;
using Modelship.Serving.Routing;

namespace Modelship.Serving.Tests.Routing;

public sealed class PredictionDefaultsMergeTests
{
    private static ParameterDefaults Defaults(string json, bool replace = false) => new()
    {
        Parameters = JsonDocument.Parse(json).RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone()),
        Override = replace,
    };

    private const string Inputs = "\"inputs\":[{\"name\":\"x\",\"shape\":[1,2],\"datatype\":\"FP32\",\"data\":[1.5,-2e-3]}]";

    public static TheoryData<string, string, bool, string> Cases => new()
    {
        { "added when absent", "{" + Inputs + "}", false, """{"inputs":[{"name":"x","shape":[1,2],"datatype":"FP32","data":[1.5,-2e-3]}],"parameters":{"t":0.7,"e":true}}""" },
        { "null parameters", """{"parameters":null,""" + Inputs + "}", false, """{"parameters":{"t":0.7,"e":true},"inputs":[{"name":"x","shape":[1,2],"datatype":"FP32","data":[1.5,-2e-3]}]}""" },
        { "caller wins", """{"id":"7","parameters":{"t":0.1,"c":"x"},""" + Inputs + "}", false, """{"id":"7","parameters":{"t":0.1,"c":"x","e":true},"inputs":[{"name":"x","shape":[1,2],"datatype":"FP32","data":[1.5,-2e-3]}]}""" },
        { "override wins", """{"id":"7","parameters":{"t":0.1,"c":"x"},""" + Inputs + "}", true, """{"id":"7","parameters":{"t":0.7,"c":"x","e":true},"inputs":[{"name":"x","shape":[1,2],"datatype":"FP32","data":[1.5,-2e-3]}]}""" },
        { "empty parameters", """{"parameters":{},""" + Inputs + "}", true, """{"parameters":{"t":0.7,"e":true},"inputs":[{"name":"x","shape":[1,2],"datatype":"FP32","data":[1.5,-2e-3]}]}""" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Merges_the_defaults_into_the_parameters_and_copies_the_rest(string name, string body, bool replace, string expected) =>
        Encoding.UTF8.GetString(PredictionDefaultsMerge.Apply(Encoding.UTF8.GetBytes(body), Defaults("""{"t":0.7,"e":true}""", replace))).Should().Be(expected, name);

    [Theory]
    [InlineData("[1,2]")]
    [InlineData("\"text\"")]
    [InlineData("""{"parameters":"x","inputs":[]}""")]
    [InlineData("""{"parameters":[1],"inputs":[]}""")]
    [InlineData("""{"inputs":[""")]
    public void A_body_it_cannot_merge_into_is_malformed(string body)
    {
        var merge = () => PredictionDefaultsMerge.Apply(Encoding.UTF8.GetBytes(body), Defaults("""{"t":1}"""));
        merge.Should().Throw<JsonException>();
    }

    [Fact]
    public async Task The_router_forwards_the_merged_request_and_answers_400_when_it_cannot_merge()
    {
        await using var backend = await FakeV2Backend.StartAsync("v1");
        var table = TestRouter.Table(1, TestRouter.BackendFor("v1", BackendRole.Champion, backend.Url.ToString())) with { PredictionDefaults = Defaults("""{"threshold":0.7}""") };
        await using var router = await TestRouter.StartAsync(table);

        using var answer = await router.InferAsync("""{"parameters":{"user":"alice"},""" + Inputs + "}");
        answer.StatusCode.Should().Be(HttpStatusCode.OK);
        using (var forwarded = JsonDocument.Parse(backend.LastRequestBody))
        {
            forwarded.RootElement.GetProperty("parameters").GetRawText().Should().Be("""{"user":"alice","threshold":0.7}""");
        }

        using var malformed = await router.InferAsync("""{"parameters":[1],""" + Inputs + "}");
        malformed.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await malformed.Content.ReadAsStringAsync()).Should().Contain("'parameters' must be an object");
        backend.InferRequests.Should().Be(1);
    }
}
