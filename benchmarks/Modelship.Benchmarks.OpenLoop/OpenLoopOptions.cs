using System.Globalization;

namespace Modelship.Benchmarks.OpenLoop;

/// <summary>
/// One server under test: the label its BENCH lines carry, the URL its requests go to, and optionally a URL that gets
/// the same request once the answer is in (not measured), as a router mirrors to a shadow.
/// </summary>
internal sealed record OpenLoopTarget(string Label, Uri Url, Uri? Mirror = null);

/// <summary>What to send, where, how fast and for how long.</summary>
internal sealed record OpenLoopOptions
{
    public const string Usage =
        "usage: Modelship.Benchmarks.OpenLoop --body FILE (--url URL --label NAME | --target NAME=URL --target NAME=URL ...) " +
        "[--mirror NAME=URL ...] [--rate 1000] [--duration 10] [--warmup 2] [--segment SECONDS] [--connections 64] [--timeout 5]";

    public required IReadOnlyList<OpenLoopTarget> Targets { get; init; }
    public required byte[] Body { get; init; }
    public int Rate { get; init; } = 1000;

    /// <summary>Measured time per target.</summary>
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Unmeasured time per target before the measured part.</summary>
    public TimeSpan Warmup { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>With several targets, the measured time is cut into segments of this length given to the targets in turn.</summary>
    public TimeSpan Segment { get; init; } = TimeSpan.FromSeconds(1);

    public int Connections { get; init; } = 64;
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Parses <c>--name value</c> pairs; throws <see cref="ArgumentException"/> with the reason when they are wrong.</summary>
    public static OpenLoopOptions Parse(string[] args)
    {
        if (args.Length % 2 != 0)
        {
            throw new ArgumentException("every option takes one value");
        }
        var known = new HashSet<string>(["--url", "--label", "--target", "--mirror", "--body", "--rate", "--duration", "--warmup", "--segment", "--connections", "--timeout"]);
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var targets = new List<OpenLoopTarget>();
        var mirrors = new List<OpenLoopTarget>();
        for (var i = 0; i < args.Length; i += 2)
        {
            if (!known.Contains(args[i]))
            {
                throw new ArgumentException($"unknown option {args[i]}");
            }
            if (args[i] is "--target" or "--mirror")
            {
                (args[i] == "--target" ? targets : mirrors).Add(ParseTarget(args[i + 1]));
            }
            else
            {
                values[args[i]] = args[i + 1];
            }
        }
        string Required(string name) => values.TryGetValue(name, out var value) ? value : throw new ArgumentException($"{name} is required");
        double Number(string name, double fallback) =>
            !values.TryGetValue(name, out var text) ? fallback
            : double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value > 0 ? value
            : throw new ArgumentException($"{name} must be a positive number, not '{text}'");

        if (values.ContainsKey("--url") || values.ContainsKey("--label"))
        {
            if (targets.Count > 0)
            {
                throw new ArgumentException("give either --url and --label or --target, not both");
            }
            targets.Add(ParseTarget($"{Required("--label")}={Required("--url")}"));
        }
        if (targets.Count == 0)
        {
            throw new ArgumentException("--url and --label, or --target, is required");
        }
        if (targets.GroupBy(target => target.Label, StringComparer.Ordinal).FirstOrDefault(group => group.Count() > 1) is { } repeated)
        {
            throw new ArgumentException($"the label '{repeated.Key}' is given twice");
        }
        foreach (var mirror in mirrors)
        {
            var index = targets.FindIndex(target => target.Label == mirror.Label);
            if (index < 0 || targets[index].Mirror is not null)
            {
                throw new ArgumentException($"--mirror {mirror.Label}: no such --target, or it has a mirror already");
            }
            targets[index] = targets[index] with { Mirror = mirror.Url };
        }
        var bodyPath = Required("--body");
        if (!File.Exists(bodyPath))
        {
            throw new ArgumentException($"--body file '{bodyPath}' does not exist");
        }
        var duration = TimeSpan.FromSeconds(Number("--duration", 10));
        var segment = TimeSpan.FromSeconds(Number("--segment", 1));
        if (targets.Count > 1 && duration.Ticks % segment.Ticks != 0)
        {
            throw new ArgumentException($"--duration ({duration.TotalSeconds} s) must be a whole number of segments ({segment.TotalSeconds} s)");
        }
        return new OpenLoopOptions
        {
            Targets = targets,
            Body = File.ReadAllBytes(bodyPath),
            Rate = (int)Number("--rate", 1000),
            Duration = duration,
            Warmup = TimeSpan.FromSeconds(Number("--warmup", 2)),
            Segment = segment,
            Connections = (int)Number("--connections", 64),
            Timeout = TimeSpan.FromSeconds(Number("--timeout", 5)),
        };
    }

    private static OpenLoopTarget ParseTarget(string text)
    {
        var equals = text.IndexOf('=', StringComparison.Ordinal);
        if (equals <= 0 || !Uri.TryCreate(text[(equals + 1)..], UriKind.Absolute, out var url))
        {
            throw new ArgumentException($"'{text}' is not NAME=URL with an absolute URL");
        }
        return new OpenLoopTarget(text[..equals], url);
    }
}
