using System.Globalization;

namespace Modelship.Benchmarks.OpenLoop;

/// <summary>
/// One server under test: the label its BENCH lines carry, the URL its requests go to, and optionally a URL that gets
/// the same request once the answer is in (not measured), as a router mirrors to a shadow. <see cref="Body"/> replaces
/// the common body; <see cref="Then"/> are further calls made in order after the answer, each with its own body, all
/// within the measured latency (a caller chaining models itself, the baseline of a pipeline).
/// </summary>
internal sealed record OpenLoopTarget(string Label, Uri Url, Uri? Mirror = null, byte[]? Body = null, IReadOnlyList<OpenLoopCall>? Then = null);

/// <summary>A further call of a target's sequence.</summary>
internal sealed record OpenLoopCall(Uri Url, byte[] Body);

/// <summary>What to send, where, how fast and for how long.</summary>
internal sealed record OpenLoopOptions
{
    public const string Usage =
        "usage: Modelship.Benchmarks.OpenLoop --body FILE (--url URL --label NAME | --target NAME=URL --target NAME=URL ...) " +
        "[--mirror NAME=URL ...] [--target-body NAME=FILE ...] [--then NAME=URL@FILE ...] [--rate 1000] [--duration 10] [--warmup 2] [--segment SECONDS] " +
        "[--connections 64] [--timeout 5] [--saturate SECONDS [--saturate-connections 16]] [--number-placeholder TEXT]";

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

    /// <summary>After the latency run, measured closed-loop throughput per target for this long (zero: none).</summary>
    public TimeSpan Saturate { get; init; } = TimeSpan.Zero;

    /// <summary>
    /// Text in the body (e.g. <c>0000000000</c>) that each request replaces with its own sequence number of the same
    /// width, so every request is distinct (association ids); null: every request sends the body as is.
    /// </summary>
    public byte[]? NumberPlaceholder { get; init; }

    /// <summary>Concurrent request loops per target during the throughput run.</summary>
    public int SaturateConnections { get; init; } = 16;

    /// <summary>Parses <c>--name value</c> pairs; throws <see cref="ArgumentException"/> with the reason when they are wrong.</summary>
    public static OpenLoopOptions Parse(string[] args)
    {
        if (args.Length % 2 != 0)
        {
            throw new ArgumentException("every option takes one value");
        }
        var known = new HashSet<string>(["--url", "--label", "--target", "--mirror", "--target-body", "--then", "--body", "--rate", "--duration", "--warmup", "--segment", "--connections", "--timeout", "--saturate", "--saturate-connections", "--number-placeholder"]);
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var targets = new List<OpenLoopTarget>();
        var mirrors = new List<OpenLoopTarget>();
        var targetBodies = new List<(string Label, string Path)>();
        var thens = new List<(string Label, string Call)>();
        for (var i = 0; i < args.Length; i += 2)
        {
            if (!known.Contains(args[i]))
            {
                throw new ArgumentException($"unknown option {args[i]}");
            }
            if (args[i] is "--target-body" or "--then")
            {
                var equals = args[i + 1].IndexOf('=', StringComparison.Ordinal);
                if (equals <= 0)
                {
                    throw new ArgumentException($"{args[i]} '{args[i + 1]}' is not NAME=VALUE");
                }
                (args[i] == "--then" ? thens : targetBodies).Add((args[i + 1][..equals], args[i + 1][(equals + 1)..]));
            }
            else if (args[i] is "--target" or "--mirror")
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
        int IndexOf(string option, string label) =>
            targets.FindIndex(target => target.Label == label) is var index and >= 0 ? index : throw new ArgumentException($"{option} {label}: no such --target");
        foreach (var (label, path) in targetBodies)
        {
            var index = IndexOf("--target-body", label);
            targets[index] = targets[index] with { Body = ReadFile("--target-body", path) };
        }
        foreach (var (label, call) in thens)
        {
            var index = IndexOf("--then", label);
            var at = call.LastIndexOf('@');
            if (at <= 0 || !Uri.TryCreate(call[..at], UriKind.Absolute, out var url))
            {
                throw new ArgumentException($"--then {label}={call}: expected URL@FILE with an absolute URL");
            }
            targets[index] = targets[index] with { Then = [.. targets[index].Then ?? [], new OpenLoopCall(url, ReadFile("--then", call[(at + 1)..]))] };
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
            Saturate = values.ContainsKey("--saturate") ? TimeSpan.FromSeconds(Number("--saturate", 1)) : TimeSpan.Zero,
            SaturateConnections = (int)Number("--saturate-connections", 16),
            NumberPlaceholder = values.TryGetValue("--number-placeholder", out var placeholder) ? System.Text.Encoding.UTF8.GetBytes(placeholder) : null,
        };
    }

    private static byte[] ReadFile(string option, string path) =>
        File.Exists(path) ? File.ReadAllBytes(path) : throw new ArgumentException($"{option}: file '{path}' does not exist");

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
