namespace Modelship.Serving.Batch;

/// <summary>Rows answered so far, of <see cref="Total"/>.</summary>
public sealed record BatchProgress(long Done, long Failed, long Total);

/// <summary>
/// Sends the input's rows in mini-batches of <c>batchSize</c>, at most <c>concurrency</c> requests at a time, and
/// writes every row's answer or error in input order: an answer waits for the earlier ones, so the output lines up
/// with the input. No row is dropped: a refused row, a failed request and an answer that does not fit all become
/// rows with an error.
/// </summary>
public sealed class BatchRunner(InferenceEndpoint endpoint, IReadOnlyList<string> columns, TensorLayout layout, RequestParameters parameters, int batchSize, int concurrency)
{
    public async Task<BatchProgress> RunAsync(IEnumerable<BatchInputRow> rows, long total, IBatchResultWriter writer, Action<BatchProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(concurrency, 1);
        long done = 0, failed = 0;
        var pending = new Queue<Task<IReadOnlyList<BatchRowResult>>>();
        using var slots = new SemaphoreSlim(concurrency);

        async Task WriteNextAsync()
        {
            foreach (var result in await pending.Dequeue().ConfigureAwait(false))
            {
                writer.Write(result);
                done++;
                failed += result.Failed ? 1 : 0;
            }
            progress?.Invoke(new BatchProgress(done, failed, total));
        }

        foreach (var chunk in rows.Chunk(batchSize))
        {
            await slots.WaitAsync(cancellationToken).ConfigureAwait(false);
            pending.Enqueue(SendAsync(chunk, slots, cancellationToken));
            while (pending.Count > 0 && (pending.Peek().IsCompleted || pending.Count > 4 * concurrency))
            {
                await WriteNextAsync().ConfigureAwait(false);
            }
        }
        while (pending.Count > 0)
        {
            await WriteNextAsync().ConfigureAwait(false);
        }
        return new BatchProgress(done, failed, total);
    }

    private async Task<IReadOnlyList<BatchRowResult>> SendAsync(BatchInputRow[] chunk, SemaphoreSlim slots, CancellationToken cancellationToken)
    {
        try
        {
            var encoded = InferenceRequestEncoder.Encode(chunk, columns, layout, parameters);
            var results = encoded.Refused.Select(r => BatchRowResult.Failure(r.Row, r.Error)).ToList();
            if (encoded.Body is { } body)
            {
                var outcome = await endpoint.InferAsync(body, cancellationToken).ConfigureAwait(false);
                results.AddRange(Answers(encoded.Sent, outcome));
            }
            return [.. results.OrderBy(r => r.Row.Number)];
        }
        finally
        {
            slots.Release();
        }
    }

    private static IEnumerable<BatchRowResult> Answers(IReadOnlyList<BatchInputRow> sent, InferenceOutcome outcome)
    {
        if (outcome.Body is null)
        {
            return sent.Select(row => BatchRowResult.Failure(row, outcome.Error ?? "the request failed"));
        }
        try
        {
            var outputs = InferenceResponseDecoder.Split(outcome.Body, sent.Count);
            return sent.Select((row, i) => BatchRowResult.Success(row, outputs[i]));
        }
        catch (BatchResponseException e)
        {
            return sent.Select(row => BatchRowResult.Failure(row, e.Message));
        }
    }
}
