using System.Text;
using System.Text.Json;

namespace Modelship.Cli.LoadGeneration;

/// <summary>The JSON lines `modelship loadgen` prints: one progress line a second, one final line with everything.</summary>
public static class LoadReport
{
    public static string Progress(LoadTally tally, double elapsedSeconds, long inFlight) => Write(writer =>
    {
        writer.WriteNumber("elapsedSeconds", Math.Round(elapsedSeconds, 3));
        writer.WriteNumber("sent", tally.Sent);
        writer.WriteNumber("answered", tally.Answered);
        writer.WriteNumber("failed", tally.Failed);
        writer.WriteNumber("inFlight", inFlight);
    });

    /// <summary>The last line: <c>"final": true</c>, the offered rate over the sending time, answers per key, failures.</summary>
    public static string Final(LoadTally tally, double sendingSeconds, double elapsedSeconds) => Write(writer =>
    {
        writer.WriteBoolean("final", true);
        writer.WriteNumber("elapsedSeconds", Math.Round(elapsedSeconds, 3));
        writer.WriteNumber("sendingSeconds", Math.Round(sendingSeconds, 3));
        writer.WriteNumber("sent", tally.Sent);
        writer.WriteNumber("answered", tally.Answered);
        writer.WriteNumber("failed", tally.Failed);
        writer.WriteNumber("sentPerSecond", sendingSeconds > 0 ? Math.Round(tally.Sent / sendingSeconds, 1) : 0);
        writer.WriteStartArray("answers");
        foreach (var (key, count) in tally.Answers())
        {
            writer.WriteStartObject();
            if (key.Generation is { } generation)
            {
                writer.WriteNumber("generation", generation);
            }
            else
            {
                writer.WriteNull("generation");
            }
            writer.WriteString("version", key.Version);
            writer.WriteString("role", key.Role);
            writer.WriteNumber("count", count);
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
        writer.WriteStartArray("failures");
        foreach (var failure in tally.Failures())
        {
            writer.WriteStartObject();
            writer.WriteNumber("atSeconds", Math.Round(failure.AtSeconds, 3));
            writer.WriteString("what", failure.What);
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
    });

    private static string Write(Action<Utf8JsonWriter> members)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            members(writer);
            writer.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
