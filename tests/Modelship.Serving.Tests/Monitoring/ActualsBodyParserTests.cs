using System.Text;
using Modelship.Api.Routing;
using Modelship.Serving.Monitoring.Actuals;

namespace Modelship.Serving.Tests.Monitoring;

public sealed class ActualsBodyParserTests
{
    [Fact]
    public void An_array_and_an_actuals_object_are_both_accepted()
    {
        var array = Parse("""[{"associationId":"a","actual":1},{"associationId":"b","actual":"setosa","timestamp":"2026-12-07T10:00:00Z"},{"associationId":"c","actual":true}]""");
        array.Select(a => a.Actual.Label).Should().Equal("1", "setosa", "1");
        array[1].Timestamp.Should().Be(new DateTimeOffset(2026, 12, 7, 10, 0, 0, TimeSpan.Zero));
        Parse("""{"actuals":[{"associationId":"a","actual":2.5}]}""").Single().Actual.Number.Should().Be(2.5);
    }

    [Theory]
    [InlineData("not json", null, "not JSON")]
    [InlineData("""{"items":[]}""", null, "\"actuals\"")]
    [InlineData("42", null, "array")]
    [InlineData("""[{"associationId":"a","actual":1}, 7]""", 1, "object")]
    [InlineData("""[{"actual":1}]""", 0, "associationId")]
    [InlineData("""[{"associationId":"","actual":1}]""", 0, "associationId")]
    [InlineData("""[{"associationId":5,"actual":1}]""", 0, "associationId")]
    [InlineData("""[{"associationId":"a"}]""", 0, "actual is missing")]
    [InlineData("""[{"associationId":"a","actual":null}]""", 0, "actual must be")]
    [InlineData("""[{"associationId":"a","actual":[1]}]""", 0, "actual must be")]
    [InlineData("""[{"associationId":"a","actual":1,"timestamp":"yesterday"}]""", 0, "timestamp")]
    public void A_malformed_body_is_refused_naming_the_bad_item(string body, int? index, string problem)
    {
        var refusal = FluentActions.Invoking(() => Parse(body)).Should().Throw<ActualsValidationException>().Which;
        refusal.Index.Should().Be(index);
        refusal.Message.Should().Contain(problem);
        if (index is { } i)
        {
            refusal.Message.Should().StartWith($"actuals[{i}]: ");
        }
    }

    [Fact]
    public void Regression_actuals_must_be_numbers()
    {
        FluentActions.Invoking(() => ActualsBodyParser.Parse("""[{"associationId":"a","actual":"3.5"}]"""u8, ModelTask.Regression))
            .Should().Throw<ActualsValidationException>().WithMessage("*regression*");
    }

    [Fact]
    public void An_association_id_longer_than_the_limit_is_refused()
    {
        var id = new string('x', ActualsBodyParser.MaxAssociationIdLength + 1);
        FluentActions.Invoking(() => Parse($$"""[{"associationId":"{{id}}","actual":1}]""")).Should().Throw<ActualsValidationException>().WithMessage("*longer*");
    }

    private static IReadOnlyList<ReceivedActual> Parse(string body) => ActualsBodyParser.Parse(Encoding.UTF8.GetBytes(body), ModelTask.Classification);
}
