using System.Text;
using System.Text.Json;
using Modelship.Serving.Routing;

namespace Modelship.Serving.Tests.Routing;

public class ShadowComparerTests
{
    private static byte[] Answer(string labels, string scores, string labelType = "INT64") => Encoding.UTF8.GetBytes(
        $$"""{"model_name":"m","outputs":[{"name":"label","datatype":"{{labelType}}","shape":[4],"data":{{labels}}},{"name":"score","datatype":"FP32","shape":[2,1],"data":{{scores}}}]}""");

    [Fact]
    public void Identical_answers_agree_fully_with_no_difference()
    {
        var comparison = ShadowComparer.Compare(Answer("[1,2,3,4]", "[[0.5],[0.25]]"), Answer("[1,2,3,4]", "[[0.5],[0.25]]"));

        comparison.Should().Be(new ShadowComparison(4, 4, 2, 0, null));
        comparison.AgreementRatio.Should().Be(1);
    }

    [Fact]
    public void Class_outputs_count_equal_elements_and_floats_sum_absolute_differences()
    {
        var comparison = ShadowComparer.Compare(Answer("[1,2,3,4]", "[[0.5],[0.25]]"), Answer("[1,2,0,0]", "[[0.75],[0]]"));

        comparison.ClassElements.Should().Be(4);
        comparison.ClassAgreements.Should().Be(2);
        comparison.AgreementRatio.Should().Be(0.5);
        comparison.MeanAbsDifference.Should().BeApproximately(0.25, 1e-12);
        comparison.Mismatch.Should().BeNull();
    }

    [Fact]
    public void String_and_bool_outputs_compare_as_classes()
    {
        ShadowComparer.Compare(Answer("""["cat","dog","cat","x"]""", "[1,1]", "BYTES"), Answer("""["cat","cat","cat","x"]""", "[1,1]", "BYTES"))
            .ClassAgreements.Should().Be(3);
        ShadowComparer.Compare(Answer("[true,false,true,true]", "[1,1]", "BOOL"), Answer("[true,true,true,true]", "[1,1]", "BOOL"))
            .ClassAgreements.Should().Be(3);
    }

    [Fact]
    public void Missing_outputs_and_shape_changes_are_reported()
    {
        var missing = ShadowComparer.Compare(Answer("[1,2,3,4]", "[0.5,0.25]"), Encoding.UTF8.GetBytes("""{"outputs":[]}"""));
        var shorter = ShadowComparer.Compare(Answer("[1,2,3,4]", "[0.5,0.25]"), Answer("[1,2]", "[0.5]"));
        var notJson = ShadowComparer.Compare(Answer("[1,2,3,4]", "[0.5,0.25]"), Encoding.UTF8.GetBytes("<html>"));

        missing.Mismatch.Should().Contain("no output 'label'");
        shorter.ClassElements.Should().Be(4);
        shorter.ClassAgreements.Should().Be(2);
        shorter.Mismatch.Should().Contain("'score' has 1 elements, expected 2");
        notJson.Mismatch.Should().Contain("not JSON");
    }

    [Fact]
    public void Primary_answer_that_is_not_JSON_throws()
    {
        var act = () => ShadowComparer.Compare(Encoding.UTF8.GetBytes("<html>"), Answer("[1,2,3,4]", "[0.5,0.25]"));
        var truncated = () => ShadowComparer.Compare(Encoding.UTF8.GetBytes("""{"outputs":[]}  x"""), Answer("[1,2,3,4]", "[0.5,0.25]"));

        act.Should().Throw<JsonException>();
        truncated.Should().Throw<JsonException>();
    }

    [Fact]
    public void Strings_escaped_differently_agree_and_nested_values_compare_by_text()
    {
        ShadowComparer.Compare(Answer("""["caf\u00e9","b",{"k":1},null]""", "[1,1]", "BYTES"), Answer("""["café","c",{"k":1},null]""", "[1,1]", "BYTES"))
            .ClassAgreements.Should().Be(3);
        ShadowComparer.Compare(Answer("[[1,2],[3,4]]", "[[0.5],[0.25]]"), Answer("[1,2,3,5]", "[0.5,0.75]"))
            .Should().Be(new ShadowComparison(4, 3, 2, 0.5, null));
    }
}
