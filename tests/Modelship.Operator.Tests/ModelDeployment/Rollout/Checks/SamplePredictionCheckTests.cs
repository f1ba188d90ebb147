using System.Text.Json;
using Modelship.Api.V1Alpha1;
using Modelship.Operator.Controllers.ModelDeployment.Rollout;
using Modelship.Operator.Controllers.ModelDeployment.Rollout.Checks;

namespace Modelship.Operator.Tests.ModelDeployment.Rollout.Checks;

public sealed class SamplePredictionCheckTests
{
    private static InferenceAnswer Outputs(string json) => InferenceAnswer.Answered(JsonDocument.Parse(json).RootElement.Clone());

    private static readonly InferenceAnswer Champion = Outputs("""[{"name":"probabilities","shape":[1,3],"datatype":"FP32","data":[0.9,0.05,0.05]},{"name":"label","shape":[1],"datatype":"INT64","data":[0]}]""");

    private static readonly SamplePredictionTolerance Tolerance = new() { Absolute = 0.01, Relative = 0 };

    public static TheoryData<string, InferenceAnswer, InferenceAnswer?, SamplePredictionTolerance?, ValidationResult, string> Cases => new()
    {
        { "an error fails", InferenceAnswer.Failed("400 unknown input 'x'"), null, null, ValidationResult.Failing, "the new version answered the sample request with an error: 400 unknown input 'x'" },
        { "no answer fails", InferenceAnswer.NoAnswer("connection refused"), null, null, ValidationResult.Failing, "the new version did not answer the sample request: connection refused" },
        { "an answer without tolerance passes", Outputs("[]"), null, null, ValidationResult.Passing, "the new version answered the sample request" },
        { "equal outputs pass", Champion, Champion, Tolerance, ValidationResult.Passing, "outputs within tolerance of the champion's (absolute 0.01, relative 0; largest difference 0)" },
        { "within absolute tolerance passes", Outputs("""[{"name":"probabilities","data":[[0.895,0.055,0.05]]},{"name":"label","data":[0]}]"""), Champion, Tolerance, ValidationResult.Passing, "outputs within tolerance of the champion's (absolute 0.01, relative 0; largest difference 0.005)" },
        { "out of tolerance fails", Outputs("""[{"name":"probabilities","data":[0.5,0.45,0.05]},{"name":"label","data":[0]}]"""), Champion, Tolerance, ValidationResult.Failing, "outputs differ from the champion's beyond tolerance (absolute 0.01, relative 0): output 'probabilities'[0] is 0.5, the champion's 0.9 (difference 0.4)" },
        { "within relative tolerance passes", Outputs("""[{"name":"probabilities","data":[0.85,0.05,0.05]},{"name":"label","data":[0]}]"""), Champion, new SamplePredictionTolerance { Relative = 0.1 }, ValidationResult.Passing, "outputs within tolerance of the champion's (absolute 0, relative 0.1; largest difference 0.05)" },
        { "a missing output fails", Outputs("""[{"name":"label","data":[0]}]"""), Champion, Tolerance, ValidationResult.Failing, "outputs differ from the champion's beyond tolerance (absolute 0.01, relative 0): output 'probabilities' is missing" },
        { "another shape fails", Outputs("""[{"name":"probabilities","data":[0.9,0.1]},{"name":"label","data":[0]}]"""), Champion, Tolerance, ValidationResult.Failing, "outputs differ from the champion's beyond tolerance (absolute 0.01, relative 0): output 'probabilities' has 2 elements, the champion's 3" },
        { "strings compare equal", Outputs("""[{"name":"c","data":["setosa"]}]"""), Outputs("""[{"name":"c","data":["virginica"]}]"""), Tolerance, ValidationResult.Failing, "outputs differ from the champion's beyond tolerance (absolute 0.01, relative 0): output 'c'[0] is \"setosa\", the champion's \"virginica\"" },
        { "a champion error only warns", Champion, InferenceAnswer.Failed("500 boom"), Tolerance, ValidationResult.Warning, "the new version answered the sample request; the champion did not (500 boom), so the outputs were not compared" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Judges(string because, InferenceAnswer candidate, InferenceAnswer? champion, SamplePredictionTolerance? tolerance, ValidationResult status, string message)
    {
        var check = SamplePredictionCheck.Judge(candidate, champion, tolerance);

        check.Status.Should().Be(status, because);
        check.Message.Should().Be(message, because);
    }
}
