namespace Modelship.Serving.Batch;

/// <summary>
/// The columns of the output file, in order: <c>row</c> (the input row's number), the input's columns with
/// --include-inputs, the model's outputs, and <c>error</c> (empty for answered rows). An input column named like one
/// of the others is written as <c>input.NAME</c>, so no column hides another.
/// </summary>
public sealed record OutputColumns(IReadOnlyList<string> InputColumns, IReadOnlyList<string> InputHeaders, IReadOnlyList<string> Outputs)
{
    public const string Row = "row";
    public const string Error = "error";

    public static OutputColumns Create(IReadOnlyList<string> inputColumns, bool includeInputs, IReadOnlyList<string> outputs)
    {
        ArgumentNullException.ThrowIfNull(inputColumns);
        ArgumentNullException.ThrowIfNull(outputs);
        if (!includeInputs)
        {
            return new OutputColumns([], [], outputs);
        }
        var taken = new HashSet<string>(outputs, StringComparer.Ordinal) { Row, Error };
        return new OutputColumns(inputColumns, [.. inputColumns.Select(c => taken.Contains(c) ? $"input.{c}" : c)], outputs);
    }

    public IEnumerable<string> Headers() => [Row, .. InputHeaders, .. Outputs, Error];
}
