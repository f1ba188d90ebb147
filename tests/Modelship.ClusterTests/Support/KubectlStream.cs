using System.Diagnostics;
using System.Text;

namespace Modelship.ClusterTests.Support;

/// <summary>A kubectl command that keeps printing (a watch, `logs -f`), read in the background.</summary>
public sealed class KubectlStream : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _text = new();
    private readonly Lock _lock = new();
    private readonly Task _reading;

    public KubectlStream(Kubectl kubectl, params string[] arguments)
    {
        _process = Process.Start(kubectl.StartInfo(arguments)) ?? throw new InvalidOperationException("could not start kubectl");
        _process.StandardInput.Close();
        _reading = ReadAsync();
    }

    /// <summary>Everything printed so far.</summary>
    public string Text()
    {
        lock (_lock)
        {
            return _text.ToString();
        }
    }

    /// <summary>Waits until kubectl ends on its own (the followed container ended); false after the timeout.</summary>
    public async Task<bool> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cancel.Token);
            await _reading;
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }
        await _reading;
        _process.Dispose();
    }

    private async Task ReadAsync()
    {
        var buffer = new char[8192];
        int read;
        while ((read = await _process.StandardOutput.ReadAsync(buffer)) > 0)
        {
            lock (_lock)
            {
                _text.Append(buffer, 0, read);
            }
        }
    }
}
