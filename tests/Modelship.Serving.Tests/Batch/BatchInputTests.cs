using FluentAssertions;
using Modelship.Serving.Batch;
using Xunit;

namespace Modelship.Serving.Tests.Batch;

public sealed class BatchInputTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("modelship-batch-input-").FullName;

    private string File(string name, string content)
    {
        var path = Path.Combine(_directory, name);
        System.IO.File.WriteAllText(path, content);
        return path;
    }

    [Fact]
    public void Csv_rows_follow_the_header_with_quoting_and_a_short_row_is_kept_with_its_problem()
    {
        var input = BatchInput.Open(File("in.csv", "a,b,note\n1,2,\"x, y\"\n3,4\n\"5\",6,\"say \"\"hi\"\"\"\n"), BatchDataFormat.Csv);

        input.Columns.Should().Equal("a", "b", "note");
        input.RowCount.Should().Be(3);
        var rows = input.Rows().ToList();
        rows[0].Values.Should().Equal("1", "2", "x, y");
        rows[1].Problem.Should().Be("has 2 field(s), the header has 3 (a, b, note)");
        rows[1].Where.Should().Be("row 2 (line 3)");
        rows[2].Values.Should().Equal("5", "6", "say \"hi\"");
    }

    [Fact]
    public void Json_lines_columns_are_every_key_in_first_seen_order_and_bad_lines_are_failed_rows()
    {
        var input = BatchInput.Open(File("in.jsonl", """
            {"a": 1.5, "b": "x"}

            {"b": "y", "c": true, "a": null}
            [1, 2]
            {"a": 2
            """), BatchDataFormat.JsonLines);

        input.Columns.Should().Equal("a", "b", "c");
        input.RowCount.Should().Be(4);
        var rows = input.Rows().ToList();
        rows[0].Values.Should().Equal("1.5", "x", null);
        rows[1].Values.Should().Equal(null, "y", "true");
        rows[1].Line.Should().Be(3);
        rows[2].Problem.Should().Be("is a JSON array, not an object of column name to value");
        rows[3].Problem.Should().StartWith("is not valid JSON");
    }

    [Fact]
    public void A_missing_file_or_a_csv_without_header_is_a_clear_error()
    {
        FluentActions.Invoking(() => BatchInput.Open(Path.Combine(_directory, "nope.csv"), BatchDataFormat.Csv))
            .Should().Throw<BatchInputException>().WithMessage("input file */nope.csv does not exist");
        FluentActions.Invoking(() => BatchInput.Open(File("empty.csv", ""), BatchDataFormat.Csv))
            .Should().Throw<BatchInputException>().WithMessage("*has no header row*");
        FluentActions.Invoking(() => BatchInput.Open(File("dup.csv", "a,a\n1,2\n"), BatchDataFormat.Csv))
            .Should().Throw<BatchInputException>().WithMessage("*dup.csv: the header row cannot be used*");
    }

    [Theory]
    [InlineData("s3://bucket/in.jsonl", BatchDataFormat.JsonLines)]
    [InlineData("https://example.org/rows.ndjson?x=1", BatchDataFormat.JsonLines)]
    [InlineData("/data/rows.csv", BatchDataFormat.Csv)]
    public void The_format_follows_the_name(string location, BatchDataFormat format) =>
        BatchDataFormats.FromName(location).Should().Be(format);

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
