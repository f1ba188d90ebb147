using System.Text.Json;
using Modelship.Serving.Runtime;

namespace Modelship.Serving.Tests.Runtime;

public class PooledAnswerBufferTests
{
    [Fact]
    public void Keeps_every_byte_written_across_growth()
    {
        var expected = Enumerable.Range(0, 50_000).Select(i => (byte)(i * 7)).ToArray();
        using var buffer = new PooledAnswerBuffer(initialCapacity: 16);

        var offset = 0;
        foreach (var size in Enumerable.Range(1, 400).Select(i => i % 37 + 1).Append(expected.Length))
        {
            var count = Math.Min(size, expected.Length - offset);
            expected.AsSpan(offset, count).CopyTo(buffer.GetSpan(count));
            buffer.Advance(count);
            offset += count;
        }

        buffer.WrittenCount.Should().Be(expected.Length);
        buffer.WrittenMemory.ToArray().Should().Equal(expected);
    }

    [Fact]
    public void Serves_as_a_json_writer_target()
    {
        using var buffer = new PooledAnswerBuffer(initialCapacity: 8);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("model_name", new string('m', 10_000));
            writer.WriteEndObject();
        }

        using var document = JsonDocument.Parse(buffer.WrittenMemory);
        document.RootElement.GetProperty("model_name").GetString().Should().HaveLength(10_000);
    }

    [Fact]
    public void Refuses_to_advance_past_what_it_handed_out()
    {
        using var buffer = new PooledAnswerBuffer(initialCapacity: 16);
        var available = buffer.GetSpan(4).Length;

        var advance = () => buffer.Advance(available + 1);

        advance.Should().Throw<ArgumentOutOfRangeException>();
    }
}
