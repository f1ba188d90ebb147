namespace Modelship.Serving.Batch;

/// <summary>
/// One `modelship batch` run from start to summary: fetch the input, read the model's metadata, map columns to
/// tensors, send every row, write and publish the output. A problem of the whole run (missing input, columns that do
/// not fit the model, an unreachable endpoint) ends it with a Failed summary naming the problem, never an unhandled
/// exception; problems of rows are counted against <see cref="BatchRunSettings.MaxFailureRatio"/>.
/// </summary>
public sealed class BatchRun(HttpClient http, BatchStorage storage, TimeProvider? time = null)
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    /// <param name="settings">What to run.</param>
    /// <param name="progress">Called with the total once the input is read, then after each answered mini-batch.</param>
    /// <param name="cancellationToken">Stops the run; the output is not published.</param>
    public async Task<BatchSummary> RunAsync(BatchRunSettings settings, Action<BatchProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var startedAt = _time.GetUtcNow();
        BatchSummary Summary(string result, BatchProgress? counts, string? message) => new()
        {
            Result = result,
            Input = settings.Input.Text,
            Output = settings.Output.Text,
            Rows = counts?.Done ?? 0,
            Failures = counts?.Failed ?? 0,
            MaxFailureRatio = settings.MaxFailureRatio,
            StartedAt = startedAt,
            FinishedAt = _time.GetUtcNow(),
            Message = message,
        };

        string? staged = null;
        try
        {
            var endpoint = new InferenceEndpoint(http, settings.Endpoint, settings.Model, settings.ModelVersion, settings.Retries, settings.FirstBackoff, _time);
            var path = await storage.FetchInputAsync(settings.Input, cancellationToken).ConfigureAwait(false);
            var input = BatchInput.Open(path, settings.EffectiveInputFormat);
            var metadata = await endpoint.MetadataAsync(cancellationToken).ConfigureAwait(false);
            var layout = TensorLayoutPlanner.Plan(input.Columns, metadata.Inputs ?? [], settings.Layout);
            var columns = OutputColumns.Create(input.Columns, settings.IncludeInputs, [.. (metadata.Outputs ?? []).Select(o => o.Name)]);
            progress?.Invoke(new BatchProgress(0, 0, input.RowCount));

            staged = storage.OutputStagingPath(settings.Output);
            BatchProgress counts;
            using (var writer = BatchResultWriters.Create(staged, settings.EffectiveOutputFormat, columns))
            {
                var runner = new BatchRunner(endpoint, input.Columns, layout, settings.Parameters, settings.BatchSize, settings.Concurrency);
                counts = await runner.RunAsync(input.Rows(), input.RowCount, writer, progress, cancellationToken).ConfigureAwait(false);
            }
            await storage.PublishOutputAsync(staged, settings.Output, cancellationToken).ConfigureAwait(false);
            staged = null;
            var ratio = counts.Done == 0 ? 0 : (double)counts.Failed / counts.Done;
            return ratio > settings.MaxFailureRatio
                ? Summary(BatchSummary.Failed, counts, $"{counts.Failed} of {counts.Done} rows failed ({ratio:P1}), more than the allowed {settings.MaxFailureRatio:P1}")
                : Summary(BatchSummary.Succeeded, counts, null);
        }
        catch (Exception e) when (e is BatchInputException or IOException or UnauthorizedAccessException)
        {
            return Summary(BatchSummary.Failed, null, e.Message);
        }
        finally
        {
            if (staged is not null)
            {
                File.Delete(staged);
            }
        }
    }
}
