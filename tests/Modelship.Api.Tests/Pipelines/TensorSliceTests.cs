using Modelship.Api.Routing;

namespace Modelship.Api.Tests.Pipelines;

public class TensorSliceTests
{
    [Theory]
    [InlineData("1:3", 5, 1, 3)]
    [InlineData(":", 5, 0, 5)]
    [InlineData("2:", 5, 2, 5)]
    [InlineData(":2", 5, 0, 2)]
    [InlineData("-2:", 5, 3, 5)]
    [InlineData(":-1", 5, 0, 4)]
    [InlineData("3:1", 5, 3, 3)]
    [InlineData("1:10", 3, 1, 3)]
    [InlineData("-10:1", 3, 0, 1)]
    public void Slices_select_like_python(string text, int count, int start, int end)
    {
        TensorSlice.TryParse(text, out var slice).Should().BeTrue();
        slice.Resolve(count).Should().Be((start, end));
    }

    [Theory]
    [InlineData("")]
    [InlineData("1")]
    [InlineData("1:2:3")]
    [InlineData("a:b")]
    [InlineData("1-3")]
    [InlineData(null)]
    public void Malformed_slices_do_not_parse(string? text) => TensorSlice.TryParse(text, out _).Should().BeFalse();
}
