namespace Modelship.Serving.Batch;

/// <summary>
/// One data row of the input. <see cref="Values"/> follow the input's column list (null: the row has no value for the
/// column). A JSON Lines value that is not a string keeps its JSON text (5.1, true); a string is unquoted.
/// </summary>
/// <param name="Number">1 for the first data row (after a CSV header; the first non-empty line of JSON Lines).</param>
/// <param name="Line">The line of the file the row starts on, for messages.</param>
/// <param name="Values">The row's values by column index.</param>
/// <param name="Problem">Why the row cannot be sent (a wrong number of fields, invalid JSON); null when it can.</param>
public sealed record BatchInputRow(long Number, long Line, IReadOnlyList<string?> Values, string? Problem = null)
{
    public string Where => $"row {Number} (line {Line})";
}
