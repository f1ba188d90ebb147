using System.Buffers;
using System.Text;
using System.Text.Json;
using Modelship.Serving.InferenceLog;

namespace Modelship.Serving.Tests.InferenceLog;

public class InferenceLogQueryTests
{
    private static readonly DateTime T0 = new(2026, 3, 1, 8, 0, 0, DateTimeKind.Utc);

    /// <summary>Writes entries 0..count-1, one second apart, every third one invalid, into files of about four entries each.</summary>
    private static async Task<InferenceLogFiles> WriteEntriesAsync(LogDirectory directory, int count)
    {
        var files = new InferenceLogFiles(directory.Path);
        var buffer = new ArrayBufferWriter<byte>();
        using var json = new Utf8JsonWriter(buffer, InferenceLogLine.WriterOptions);
        await using var file = new RotatingLogFile(files, maxFileBytes: 1000, maxFiles: 100);
        for (var i = 0; i < count; i++)
        {
            buffer.ResetWrittenCount();
            InferenceLogLine.Write(
                new InferenceLogEntry
                {
                    Time = T0.AddSeconds(i),
                    FallbackId = $"e{i}",
                    Model = "iris",
                    Version = "v1",
                    Role = "champion",
                    Status = i % 3 == 0 ? 500 : 200,
                    LatencyMs = 1,
                    RequestBody = Encoding.UTF8.GetBytes($$"""{"inputs":[{"name":"x","datatype":"FP32","shape":[1],"data":[{{i}}]}]}"""),
                    IncludeInputs = true,
                },
                buffer,
                json);
            file.Append(buffer.WrittenSpan, CancellationToken.None);
        }
        return files;
    }

    private static string[] Ids(IEnumerable<byte[]> lines) =>
        [.. lines.Select(l => JsonDocument.Parse(l).RootElement.GetProperty("id").GetString()!)];

    private static string[] Expected(params int[] indexes) => [.. indexes.Select(i => $"e{i}")];

    [Fact]
    public async Task Entries_span_several_rotated_files()
    {
        using var directory = new LogDirectory();
        await WriteEntriesAsync(directory, 40);

        Directory.GetFiles(directory.Path).Length.Should().BeGreaterThan(5, "the query tests must read across rotations");
    }

    [Fact]
    public async Task Limit_returns_the_newest_entries_newest_first_across_files()
    {
        using var directory = new LogDirectory();
        var files = await WriteEntriesAsync(directory, 40);

        var newest = await InferenceLogReader.ReadNewestFirstAsync(files, new InferenceLogQuery { Limit = 10 }, CancellationToken.None);
        var all = await InferenceLogReader.ReadNewestFirstAsync(files, new InferenceLogQuery { Limit = 1000 }, CancellationToken.None);

        Ids(newest).Should().Equal(Expected([.. Enumerable.Range(30, 10).Reverse()]));
        Ids(all).Should().Equal(Expected([.. Enumerable.Range(0, 40).Reverse()]));
    }

    [Fact]
    public async Task Start_is_inclusive_end_exclusive_and_valid_filters()
    {
        using var directory = new LogDirectory();
        var files = await WriteEntriesAsync(directory, 40);
        var window = new InferenceLogQuery { Start = T0.AddSeconds(5), End = T0.AddSeconds(15) };

        var inWindow = await InferenceLogReader.ReadNewestFirstAsync(files, window, CancellationToken.None);
        var invalid = await InferenceLogReader.ReadNewestFirstAsync(files, window with { Valid = false }, CancellationToken.None);
        var valid = await InferenceLogReader.ReadNewestFirstAsync(files, window with { Valid = true, Limit = 3 }, CancellationToken.None);
        var exported = new List<byte[]>();
        await foreach (var line in InferenceLogReader.ReadOldestFirstAsync(files, window with { Limit = 1 }, CancellationToken.None))
        {
            exported.Add(line);
        }

        Ids(inWindow).Should().Equal(Expected([.. Enumerable.Range(5, 10).Reverse()]));
        Ids(invalid).Should().Equal(Expected(12, 9, 6));
        Ids(valid).Should().Equal(Expected(14, 13, 11));
        Ids(exported).Should().Equal(Expected([.. Enumerable.Range(5, 10)]), "export is oldest first and ignores the limit");
    }

    [Fact]
    public async Task Unfinished_last_line_and_foreign_lines_are_skipped()
    {
        using var directory = new LogDirectory();
        var files = await WriteEntriesAsync(directory, 3);
        await File.AppendAllTextAsync(files.PathOf(0), "not an entry\n{\"time\":\"2026-03-01T09:00:00Z\",\"id\":\"torn");

        var entries = await InferenceLogReader.ReadNewestFirstAsync(files, new InferenceLogQuery(), CancellationToken.None);

        Ids(entries).Should().Equal(Expected(2, 1, 0));
    }

    [Fact]
    public async Task Missing_directory_reads_as_empty()
    {
        var files = new InferenceLogFiles(Path.Combine(Path.GetTempPath(), "modelship-no-such-log-" + Guid.NewGuid().ToString("N")));

        (await InferenceLogReader.ReadNewestFirstAsync(files, new InferenceLogQuery(), CancellationToken.None)).Should().BeEmpty();
    }

    [Fact]
    public void Good_parameters_parse()
    {
        var parameters = new Dictionary<string, string> { ["limit"] = "25", ["start"] = "2026-03-01T08:00:05Z", ["end"] = "2026-03-01T10:00:15+02:00", ["valid"] = "false" };

        InferenceLogQuery.TryParse(parameters.GetValueOrDefault, out var query, out var error).Should().BeTrue(error);

        query.Should().Be(new InferenceLogQuery { Limit = 25, Start = new DateTimeOffset(T0.AddSeconds(5)), End = new DateTimeOffset(T0.AddSeconds(15)), Valid = false });
        InferenceLogQuery.TryParse(_ => null, out var defaults, out _).Should().BeTrue();
        defaults.Should().Be(new InferenceLogQuery { Limit = 100 });
    }

    [Theory]
    [InlineData("limit", "0", "limit must be a whole number from 1 to 10000")]
    [InlineData("limit", "10001", "limit must be a whole number from 1 to 10000")]
    [InlineData("limit", "ten", "limit must be a whole number from 1 to 10000")]
    [InlineData("limit", "-5", "limit must be a whole number from 1 to 10000")]
    [InlineData("start", "yesterday", "start must be an ISO 8601 time")]
    [InlineData("end", "2026-13-01T00:00:00Z", "end must be an ISO 8601 time")]
    [InlineData("valid", "yes", "valid must be true or false")]
    public void Bad_parameters_are_refused_with_a_reason(string name, string value, string reason)
    {
        InferenceLogQuery.TryParse(n => n == name ? value : null, out _, out var error).Should().BeFalse();

        error.Should().StartWith(reason).And.Contain(value);
    }

    [Fact]
    public void End_before_start_is_refused()
    {
        var parameters = new Dictionary<string, string> { ["start"] = "2026-03-01T09:00:00Z", ["end"] = "2026-03-01T08:00:00Z" };

        InferenceLogQuery.TryParse(parameters.GetValueOrDefault, out _, out var error).Should().BeFalse();
        error.Should().Be("end must be after start");
    }
}
