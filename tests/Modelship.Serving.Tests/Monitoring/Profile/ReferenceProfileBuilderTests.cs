using Modelship.Serving.Monitoring.Profile;

namespace Modelship.Serving.Tests.Monitoring.Profile;

public sealed class ReferenceProfileBuilderTests
{
    [Fact]
    public void Numeric_columns_get_quantile_edges_reference_proportions_range_and_missing_ratio()
    {
        string?[] values = ["1", "2", "3", "4", "5", "6", "7", "8", "9", "10", ""];

        var profile = ReferenceProfileBuilder.Build(["x"], values.Select(v => new[] { v }), new ProfileOptions(Bins: 4));

        profile.Rows.Should().Be(11);
        var x = profile.Features.Should().ContainSingle().Subject;
        x.Type.Should().Be(ColumnType.Numeric);
        x.Edges.Should().Equal(3.25, 5.5, 7.75);
        x.Proportions.Should().Equal(0.3, 0.2, 0.2, 0.3);
        (x.Min, x.Max, x.Count).Should().Be((1.0, 10.0, 10L));
        x.MissingRatio.Should().BeApproximately(1.0 / 11, 1e-15);
    }

    [Fact]
    public void Categorical_columns_keep_the_top_k_values_and_an_other_bin()
    {
        string[] values = ["a", "b", "a", "c", "a", "b"];

        var column = ReferenceProfileBuilder.Build(["kind"], values.Select(v => new[] { v }), new ProfileOptions(TopK: 2)).Features.Single();

        column.Type.Should().Be(ColumnType.Categorical);
        column.Categories.Should().Equal("a", "b");
        column.Proportions.Should().Equal(3 / 6.0, 2 / 6.0, 1 / 6.0);
        column.Min.Should().BeNull();
    }

    [Fact]
    public void With_an_input_name_the_columns_become_that_inputs_columns_and_the_target_a_prediction_output()
    {
        string[] columns = ["sepal_length", "species", "sepal_width"];
        string?[][] rows = [["5.1", "0", "3.5"], ["7.0", "1", "3.2"], ["6.3", "2", "3.3"]];

        var profile = ReferenceProfileBuilder.Build(columns, rows, new ProfileOptions(InputName: "input", Target: "species", TargetOutput: "label", Categorical: ["species"]));

        profile.Features.Select(f => f.Name).Should().Equal("input[0]", "input[1]");
        profile.Features[1].Max.Should().Be(3.5);
        var label = profile.Predictions.Should().ContainSingle().Subject;
        label.Name.Should().Be("label");
        label.Type.Should().Be(ColumnType.Categorical);
        label.Categories.Should().Equal("0", "1", "2");
    }

    [Fact]
    public void A_target_that_is_no_column_is_refused_by_name()
    {
        var build = () => ReferenceProfileBuilder.Build(["a"], [["1"]], new ProfileOptions(Target: "y"));

        build.Should().Throw<ProfileInputException>().WithMessage("--target y: the input has no column of that name (its columns are a)");
    }

    [Fact]
    public void The_json_round_trips_and_a_profile_the_router_cannot_use_is_refused_with_the_reason()
    {
        var profile = ReferenceProfileBuilder.Build(["x", "y"], [["1", "a"], ["2", "b"], ["3", "a"]], new ProfileOptions(Bins: 2, Target: "y"));
        var json = ReferenceProfileFile.Serialize(profile);

        var parsed = ReferenceProfileFile.Parse(System.Text.Encoding.UTF8.GetBytes(json));

        parsed.Should().BeEquivalentTo(profile);
        json.Should().Contain("\"version\": 1").And.Contain("\"type\": \"numeric\"").And.Contain("\"predictions\"");
        var future = () => ReferenceProfileFile.Parse("""{"version":2,"features":[]}"""u8);
        future.Should().Throw<ProfileInputException>().WithMessage("*version 2 is not supported*");
        var badEdges = () => ReferenceProfileFile.Parse("""{"version":1,"features":[{"name":"x","type":"numeric","edges":[2,1],"proportions":[0.5,0.25,0.25]}]}"""u8);
        badEdges.Should().Throw<ProfileInputException>().WithMessage("*features 'x': numeric edges must be finite and strictly ascending*");
        var notJson = () => ReferenceProfileFile.Parse("{"u8);
        notJson.Should().Throw<ProfileInputException>();
    }
}
