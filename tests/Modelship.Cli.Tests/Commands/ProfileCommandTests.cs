using System.CommandLine;
using Modelship.Cli.Commands;
using Modelship.Serving.Monitoring.Profile;

namespace Modelship.Cli.Tests.Commands;

public sealed class ProfileCommandTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("modelship-profile-").FullName;

    [Fact]
    public async Task Json_lines_and_csv_of_the_same_rows_give_the_same_profile()
    {
        var csv = Path.Combine(_directory, "train.csv");
        var jsonl = Path.Combine(_directory, "train.jsonl");
        await File.WriteAllTextAsync(csv, "x,kind,y\n1.5,a,0\n2.5,b,1\n,a,1\n4,a,0\n");
        await File.WriteAllTextAsync(jsonl, """
            {"x": 1.5, "kind": "a", "y": 0}
            {"x": 2.5, "kind": "b", "y": 1}
            {"x": null, "kind": "a", "y": 1}

            {"x": 4, "kind": "a", "y": 0}
            """);

        var fromCsv = await ProfileAsync(csv);
        var fromJsonLines = await ProfileAsync(jsonl);

        fromJsonLines.Should().BeEquivalentTo(fromCsv);
        fromCsv.Rows.Should().Be(4);
        fromCsv.Features.Select(f => (f.Name, f.Type)).Should().Equal(("x", ColumnType.Numeric), ("kind", ColumnType.Categorical));
        fromCsv.Features[0].MissingRatio.Should().Be(0.25);
        fromCsv.Predictions.Should().ContainSingle().Which.Categories.Should().Equal("0", "1");
    }

    [Fact]
    public async Task A_row_that_cannot_be_read_fails_the_command_with_exit_code_1()
    {
        var csv = Path.Combine(_directory, "bad.csv");
        await File.WriteAllTextAsync(csv, "x,y\n1,2\n3\n");
        var root = new RootCommand { ProfileCommand.Create() };

        var exitCode = await root.Parse(["profile", "--input", csv, "--output", Path.Combine(_directory, "bad.json")]).InvokeAsync();

        exitCode.Should().Be(1);
        File.Exists(Path.Combine(_directory, "bad.json")).Should().BeFalse();
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private async Task<ReferenceProfile> ProfileAsync(string input)
    {
        var output = input + ".profile.json";
        var root = new RootCommand { ProfileCommand.Create() };
        var exitCode = await root.Parse(["profile", "--input", input, "--output", output, "--target", "y", "--categorical", "y", "--bins", "2"]).InvokeAsync();
        exitCode.Should().Be(0);
        return ReferenceProfileFile.Parse(await File.ReadAllBytesAsync(output));
    }
}
