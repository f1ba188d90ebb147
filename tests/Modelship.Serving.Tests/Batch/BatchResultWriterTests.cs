using FluentAssertions;
using Modelship.Serving.Batch;
using Xunit;

namespace Modelship.Serving.Tests.Batch;

public sealed class BatchResultWriterTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("modelship-batch-output-").FullName;

    private static readonly BatchRowResult Answered = BatchRowResult.Success(new BatchInputRow(1, 2, ["5.1", "setosa, maybe"]),
        new Dictionary<string, string> { ["label"] = "0", ["probabilities"] = "[0.9,0.1]", ["name"] = "\"iris\"" });

    private static readonly BatchRowResult Failed = BatchRowResult.Failure(new BatchInputRow(2, 3, ["abc", "x"]),
        "row 2 (line 3), column a: \"abc\" is not a finite number");

    private string Write(BatchDataFormat format, bool includeInputs, params BatchRowResult[] results)
    {
        var path = Path.Combine(_directory, $"out-{Guid.NewGuid():N}");
        var columns = OutputColumns.Create(["a", "label"], includeInputs, ["label", "probabilities", "name"]);
        using (var writer = BatchResultWriters.Create(path, format, columns))
        {
            foreach (var result in results)
            {
                writer.Write(result);
            }
        }
        return File.ReadAllText(path);
    }

    [Fact]
    public void Csv_has_row_inputs_outputs_and_error_columns_and_keeps_failed_rows()
    {
        Write(BatchDataFormat.Csv, includeInputs: true, Answered, Failed).Should().Be(
            "row,a,input.label,label,probabilities,name,error\n" +
            "1,5.1,\"setosa, maybe\",0,\"[0.9,0.1]\",iris,\n" +
            "2,abc,x,,,,\"row 2 (line 3), column a: \"\"abc\"\" is not a finite number\"\n");
    }

    [Fact]
    public void Json_lines_keep_output_values_and_type_input_values()
    {
        Write(BatchDataFormat.JsonLines, includeInputs: true, Answered, Failed).Should().Be(
            """{"row":1,"a":5.1,"input.label":"setosa, maybe","label":0,"probabilities":[0.9,0.1],"name":"iris"}""" + "\n" +
            """{"row":2,"a":"abc","input.label":"x","error":"row 2 (line 3), column a: \"abc\" is not a finite number"}""" + "\n");
    }

    [Fact]
    public void Without_inputs_or_rows_the_csv_still_has_its_header()
    {
        Write(BatchDataFormat.Csv, includeInputs: false).Should().Be("row,label,probabilities,name,error\n");
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
