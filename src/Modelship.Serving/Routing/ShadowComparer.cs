using System.Buffers;
using System.Text.Json;

namespace Modelship.Serving.Routing;

/// <summary>
/// Compares the <c>outputs</c> of two V2 inference responses by output name. Runs on the shadows' background threads;
/// it reads both answers with <see cref="Utf8JsonReader"/> into pooled arrays of values (no JSON document, no
/// per-element objects), so a comparison allocates a few small objects whatever the tensor sizes.
/// </summary>
public static class ShadowComparer
{
    /// <summary>Compares two answers; throws <see cref="JsonException"/> when the primary answer is not JSON.</summary>
    public static ShadowComparison Compare(ReadOnlyMemory<byte> primary, ReadOnlyMemory<byte> shadow)
    {
        using var primaryOutputs = OutputSet.Read(primary.Span);
        using var shadowOutputs = TryRead(shadow.Span);
        return shadowOutputs is null
            ? new ShadowComparison(0, 0, 0, 0, "the shadow's answer is not JSON")
            : Compare(primaryOutputs, primary.Span, shadowOutputs, shadow.Span);
    }

    private static OutputSet? TryRead(ReadOnlySpan<byte> answer)
    {
        try
        {
            return OutputSet.Read(answer);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static ShadowComparison Compare(OutputSet primaryOutputs, ReadOnlySpan<byte> primaryJson, OutputSet shadowOutputs, ReadOnlySpan<byte> shadowJson)
    {
        long classElements = 0, classAgreements = 0, floatElements = 0;
        double absDifference = 0;
        string? mismatch = null;
        foreach (var output in primaryOutputs.Outputs)
        {
            if (primaryOutputs.Find(output.Name)!.Value.Start != output.Start)
            {
                continue; // a repeated name: the last one counts, once
            }
            if (shadowOutputs.Find(output.Name) is not { } actual)
            {
                mismatch ??= $"the shadow has no output '{output.Name}'";
                continue;
            }
            var expectedValues = primaryOutputs.ValuesOf(output);
            var actualValues = shadowOutputs.ValuesOf(actual);
            if (IsFloating(output.Datatype))
            {
                if (actualValues.Length != expectedValues.Length)
                {
                    mismatch ??= $"output '{output.Name}' has {actualValues.Length} elements, expected {expectedValues.Length}";
                    continue;
                }
                if (!AllNumbers(expectedValues) || !AllNumbers(actualValues))
                {
                    mismatch ??= $"output '{output.Name}' is {output.Datatype} but holds non-numbers";
                    continue;
                }
                for (var i = 0; i < expectedValues.Length; i++)
                {
                    absDifference += Math.Abs(expectedValues[i].Number - actualValues[i].Number);
                }
                floatElements += expectedValues.Length;
            }
            else
            {
                var common = Math.Min(expectedValues.Length, actualValues.Length);
                for (var i = 0; i < common; i++)
                {
                    if (ClassEquals(expectedValues[i], primaryJson, actualValues[i], shadowJson))
                    {
                        classAgreements++;
                    }
                }
                classElements += Math.Max(expectedValues.Length, actualValues.Length);
            }
        }
        return new ShadowComparison(classElements, classAgreements, floatElements, absDifference, mismatch);
    }

    private static bool AllNumbers(ReadOnlySpan<Value> values)
    {
        foreach (var value in values)
        {
            if (value.Kind != JsonTokenType.Number)
            {
                return false;
            }
        }
        return true;
    }

    private static bool IsFloating(string datatype) => datatype is "FP16" or "FP32" or "FP64" or "BF16";

    private static bool ClassEquals(in Value a, ReadOnlySpan<byte> aJson, in Value b, ReadOnlySpan<byte> bJson)
    {
        if (a.Kind != b.Kind)
        {
            return false;
        }
        switch (a.Kind)
        {
            case JsonTokenType.Number:
                return a.Number == b.Number;
            case JsonTokenType.True or JsonTokenType.False or JsonTokenType.Null:
                return true;
            default:
                var aRaw = aJson.Slice(a.RawStart, a.RawLength);
                var bRaw = bJson.Slice(b.RawStart, b.RawLength);
                if (aRaw.SequenceEqual(bRaw))
                {
                    return true;
                }
                // The same text may be escaped differently; only then are the strings unescaped.
                return a.Kind == JsonTokenType.String && (aRaw.Contains((byte)'\\') || bRaw.Contains((byte)'\\'))
                    && string.Equals(Unescape(aRaw), Unescape(bRaw), StringComparison.Ordinal);
        }
    }

    private static string? Unescape(ReadOnlySpan<byte> rawString)
    {
        var reader = new Utf8JsonReader(rawString);
        return reader.Read() ? reader.GetString() : null;
    }

    /// <summary>One element of an output: its token kind, its value when a number, and where its raw text is (strings and others).</summary>
    private readonly record struct Value(JsonTokenType Kind, double Number, int RawStart, int RawLength);

    private readonly record struct Output(string Name, string Datatype, int Start, int Count);

    /// <summary>The outputs of one answer: names and datatypes, and all elements flattened into one pooled array.</summary>
    private sealed class OutputSet : IDisposable
    {
        private Value[] _values = ArrayPool<Value>.Shared.Rent(16);
        private int _count;

        public List<Output> Outputs { get; } = [];

        public ReadOnlySpan<Value> ValuesOf(Output output) => _values.AsSpan(output.Start, output.Count);

        /// <summary>The output named <paramref name="name"/>; with duplicates, the last one (as a dictionary by name would keep).</summary>
        public Output? Find(string name)
        {
            for (var i = Outputs.Count - 1; i >= 0; i--)
            {
                if (string.Equals(Outputs[i].Name, name, StringComparison.Ordinal))
                {
                    return Outputs[i];
                }
            }
            return null;
        }

        /// <summary>Reads the whole document (so malformed JSON anywhere throws <see cref="JsonException"/>) and keeps its outputs.</summary>
        public static OutputSet Read(ReadOnlySpan<byte> json)
        {
            var set = new OutputSet();
            try
            {
                var reader = new Utf8JsonReader(json);
                if (!reader.Read())
                {
                    throw new JsonException("the answer is empty");
                }
                if (reader.TokenType != JsonTokenType.StartObject)
                {
                    reader.Skip();
                    EnsureEnd(ref reader);
                    return set;
                }
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    var isOutputs = reader.ValueTextEquals("outputs"u8);
                    reader.Read();
                    if (isOutputs && reader.TokenType == JsonTokenType.StartArray)
                    {
                        // A repeated "outputs": the last one counts, as in a JSON document lookup.
                        set.Outputs.Clear();
                        set._count = 0;
                        set.ReadOutputs(ref reader);
                    }
                    else
                    {
                        reader.Skip();
                    }
                }
                EnsureEnd(ref reader);
                return set;
            }
            catch
            {
                set.Dispose();
                throw;
            }
        }

        public void Dispose()
        {
            if (_values.Length > 0)
            {
                ArrayPool<Value>.Shared.Return(_values);
                _values = [];
            }
        }

        private static void EnsureEnd(ref Utf8JsonReader reader)
        {
            // Utf8JsonReader throws on anything but whitespace after the top-level value.
            while (reader.Read())
            {
            }
        }

        /// <summary>Reader on the outputs' StartArray; leaves it on the matching EndArray.</summary>
        private void ReadOutputs(ref Utf8JsonReader reader)
        {
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                if (reader.TokenType != JsonTokenType.StartObject)
                {
                    reader.Skip();
                    continue;
                }
                string? name = null;
                var datatype = "";
                int start = -1, count = 0;
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    if (reader.ValueTextEquals("name"u8))
                    {
                        reader.Read();
                        name = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                        reader.Skip();
                    }
                    else if (reader.ValueTextEquals("datatype"u8))
                    {
                        reader.Read();
                        datatype = reader.TokenType == JsonTokenType.String ? reader.GetString() ?? "" : "";
                        reader.Skip();
                    }
                    else if (reader.ValueTextEquals("data"u8))
                    {
                        reader.Read();
                        // A repeated "data": the last one counts, as in a JSON document lookup.
                        start = _count;
                        Flatten(ref reader);
                        count = _count - start;
                    }
                    else
                    {
                        reader.Read();
                        reader.Skip();
                    }
                }
                if (name is not null && start >= 0)
                {
                    Outputs.Add(new Output(name, datatype, start, count));
                }
            }
        }

        /// <summary>Adds the value at the reader, and every element of nested arrays, in order.</summary>
        private void Flatten(ref Utf8JsonReader reader)
        {
            if (reader.TokenType == JsonTokenType.StartArray)
            {
                var depth = reader.CurrentDepth;
                while (reader.Read() && !(reader.TokenType == JsonTokenType.EndArray && reader.CurrentDepth == depth))
                {
                    if (reader.TokenType is not (JsonTokenType.StartArray or JsonTokenType.EndArray))
                    {
                        AddValue(ref reader);
                    }
                }
                return;
            }
            AddValue(ref reader);
        }

        private void AddValue(ref Utf8JsonReader reader)
        {
            var kind = reader.TokenType;
            var start = (int)reader.TokenStartIndex;
            double number = 0;
            if (kind == JsonTokenType.Number && !reader.TryGetDouble(out number))
            {
                number = double.NaN;
            }
            if (kind == JsonTokenType.StartObject)
            {
                reader.Skip();
            }
            if (_count == _values.Length)
            {
                var larger = ArrayPool<Value>.Shared.Rent(_values.Length * 2);
                _values.AsSpan(0, _count).CopyTo(larger);
                ArrayPool<Value>.Shared.Return(_values);
                _values = larger;
            }
            _values[_count++] = new Value(kind, number, start, (int)reader.BytesConsumed - start);
        }
    }
}
