namespace Modelship.EndToEnd.Support;

/// <summary>Processes started side by side and stopped together.</summary>
public sealed class ProcessGroup : IAsyncDisposable
{
    private ProcessGroup(IReadOnlyList<ModelshipProcess> processes) => All = processes;

    public IReadOnlyList<ModelshipProcess> All { get; }

    public ModelshipProcess this[int index] => All[index];

    /// <summary>Waits for every start; when one fails, stops the ones that did start before rethrowing.</summary>
    public static async Task<ProcessGroup> StartAsync(IEnumerable<Task<ModelshipProcess>> starts)
    {
        var pending = starts.ToList();
        try
        {
            return new ProcessGroup(await Task.WhenAll(pending));
        }
        catch
        {
            foreach (var started in pending.Where(t => t.IsCompletedSuccessfully))
            {
                await started.Result.DisposeAsync();
            }
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var process in All)
        {
            await process.DisposeAsync();
        }
    }
}
