namespace Modelship.Serving.Batch;

/// <summary>Writes answered and failed rows to the output file, in the order given.</summary>
public interface IBatchResultWriter : IDisposable
{
    void Write(BatchRowResult result);
}

/// <summary>Opens the writer of a format.</summary>
public static class BatchResultWriters
{
    public static IBatchResultWriter Create(string path, BatchDataFormat format, OutputColumns columns) => format switch
    {
        BatchDataFormat.Csv => new CsvResultWriter(path, columns),
        _ => new JsonLinesResultWriter(path, columns),
    };
}
