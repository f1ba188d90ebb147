namespace Modelship.Serving.Batch;

/// <summary>
/// The input or the request cannot be used as a whole (a missing file, no header, columns that do not fit the model):
/// the run stops before any request with a message that names the file, row or column. Problems of single rows are
/// not exceptions: those rows are written to the output as failed.
/// </summary>
public sealed class BatchInputException(string message, Exception? inner = null) : Exception(message, inner);
