using Modelship.Telemetry.Series;

namespace Modelship.Telemetry.Exposition;

/// <summary>Writes the lines of the text format 0.0.4; every line ends with a line feed, whatever the platform.</summary>
internal sealed class ExpositionWriter(TextWriter output)
{
    /// <param name="escapedHelp">HELP text already escaped, or null to write no HELP line.</param>
    public void WriteHeader(string name, string? escapedHelp, string type)
    {
        if (escapedHelp is not null)
        {
            output.Write("# HELP ");
            output.Write(name);
            output.Write(' ');
            output.Write(escapedHelp);
            output.Write('\n');
        }
        output.Write("# TYPE ");
        output.Write(name);
        output.Write(' ');
        output.Write(type);
        output.Write('\n');
    }

    public void WriteSample(string name, LabelSet labels, string value)
    {
        output.Write(name);
        if (labels.Text.Length > 0)
        {
            output.Write('{');
            output.Write(labels.Text);
            output.Write('}');
        }
        output.Write(' ');
        output.Write(value);
        output.Write('\n');
    }

    public void WriteBucket(string name, LabelSet labels, string upperBound, string value)
    {
        output.Write(name);
        output.Write("_bucket{");
        if (labels.Text.Length > 0)
        {
            output.Write(labels.Text);
            output.Write(',');
        }
        output.Write("le=\"");
        output.Write(upperBound);
        output.Write("\"} ");
        output.Write(value);
        output.Write('\n');
    }
}
