using System.Text;

namespace Modelship.Cli.Client;

/// <summary>Columns padded to their widest cell and separated by three spaces, as kubectl prints tables (pure).</summary>
public static class TextTable
{
    public const string None = "<none>";

    public static string Format(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows, string indent = "")
    {
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(rows);
        var all = new List<IReadOnlyList<string>> { header };
        all.AddRange(rows);
        var widths = new int[header.Count];
        foreach (var row in all)
        {
            for (var i = 0; i < header.Count; i++)
            {
                widths[i] = Math.Max(widths[i], Cell(row, i).Length);
            }
        }
        var text = new StringBuilder();
        foreach (var row in all)
        {
            var line = new StringBuilder(indent);
            for (var i = 0; i < header.Count; i++)
            {
                line.Append(i == header.Count - 1 ? Cell(row, i) : Cell(row, i).PadRight(widths[i] + 3));
            }
            text.Append(line.ToString().TrimEnd()).Append('\n');
        }
        return text.ToString();
    }

    private static string Cell(IReadOnlyList<string> row, int i) => i < row.Count ? row[i] : "";
}
