using System.Text;
using Modelship.Serving.InferenceLog;

namespace Modelship.Serving.Tests.InferenceLog;

public class RotatingLogFileTests
{
    [Fact]
    public async Task Small_limit_rotates_keeps_at_most_N_files_and_loses_nothing_in_the_kept_range()
    {
        using var directory = new LogDirectory();
        var files = new InferenceLogFiles(directory.Path);
        var written = Enumerable.Range(0, 200).Select(i => $"line {i:D4} {new string('x', 40)}\n").ToArray();
        await using (var file = new RotatingLogFile(files, maxFileBytes: 500, maxFiles: 3))
        {
            foreach (var line in written)
            {
                file.Append(Encoding.UTF8.GetBytes(line), CancellationToken.None);
            }
        }

        Directory.GetFiles(directory.Path).Select(Path.GetFileName).Should().BeEquivalentTo("inference.log", "inference.log.1", "inference.log.2");
        var kept = new[] { 2, 1, 0 }.Select(i => File.ReadAllText(files.PathOf(i))).ToArray();
        kept.Should().OnlyContain(text => Encoding.UTF8.GetByteCount(text) <= 500);
        var keptLines = string.Concat(kept).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l + "\n").ToArray();
        keptLines.Should().Equal(written[^keptLines.Length..], "the kept files hold the newest lines, in order, with none missing");
        keptLines.Length.Should().Be(9 + 9 + (200 % 9), "51-byte lines, nine to a 500-byte file");
    }

    [Fact]
    public async Task Reopening_appends_to_the_existing_file_and_counts_its_size()
    {
        using var directory = new LogDirectory();
        var files = new InferenceLogFiles(directory.Path);
        await using (var first = new RotatingLogFile(files, maxFileBytes: 100, maxFiles: 2))
        {
            first.Append(new byte[60], CancellationToken.None);
        }
        await using (var second = new RotatingLogFile(files, maxFileBytes: 100, maxFiles: 2))
        {
            second.Append(new byte[60], CancellationToken.None);
        }

        new FileInfo(files.PathOf(1)).Length.Should().Be(60);
        new FileInfo(files.PathOf(0)).Length.Should().Be(60);
    }

    [Fact]
    public async Task A_line_larger_than_the_limit_gets_a_file_of_its_own()
    {
        using var directory = new LogDirectory();
        var files = new InferenceLogFiles(directory.Path);
        await using (var file = new RotatingLogFile(files, maxFileBytes: 10, maxFiles: 5))
        {
            file.Append("small\n"u8.ToArray(), CancellationToken.None);
            file.Append(Encoding.UTF8.GetBytes(new string('y', 30) + "\n"), CancellationToken.None);
        }

        File.ReadAllText(files.PathOf(1)).Should().Be("small\n");
        File.ReadAllText(files.PathOf(0)).Should().HaveLength(31);
    }
}
