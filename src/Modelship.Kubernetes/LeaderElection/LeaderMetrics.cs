using System.Diagnostics;
using System.Diagnostics.Metrics;
using Modelship.Kubernetes.Controllers;

namespace Modelship.Kubernetes.LeaderElection;

/// <summary><c>modelship_leader{lease}</c>: 1 while this process holds the lease, else 0.</summary>
internal sealed class LeaderMetrics
{
    private static readonly UpDownCounter<int> Leader = ControllerMeter.Meter.CreateUpDownCounter<int>(
        "modelship_leader", unit: null, description: "1 while this process is the leader of the lease, else 0.");

    private readonly TagList _tags;
    private int _value;

    public LeaderMetrics(string lease)
    {
        _tags = new TagList { { "lease", lease } };
        Leader.Add(0, _tags);
    }

    public void Set(bool leading)
    {
        var next = leading ? 1 : 0;
        var previous = Interlocked.Exchange(ref _value, next);
        if (previous != next)
        {
            Leader.Add(next - previous, _tags);
        }
    }
}
