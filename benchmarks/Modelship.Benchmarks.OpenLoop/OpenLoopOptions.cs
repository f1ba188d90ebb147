using System.Globalization;

namespace Modelship.Benchmarks.OpenLoop;

/// <summary>What to send, how fast and for how long.</summary>
internal sealed record OpenLoopOptions
{
    public const string Usage =
        "usage: Modelship.Benchmarks.OpenLoop --url URL --body FILE --label NAME [--rate 1000] [--duration 10] " +
        "[--warmup 2] [--connections 64] [--timeout 5]";

    public required Uri Url { get; init; }
    public required byte[] Body { get; init; }
    public required string Label { get; init; }
    public int Rate { get; init; } = 1000;
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(10);
    public TimeSpan Warmup { get; init; } = TimeSpan.FromSeconds(2);
    public int Connections { get; init; } = 64;
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Parses <c>--name value</c> pairs; throws <see cref="ArgumentException"/> with the reason when they are wrong.</summary>
    public static OpenLoopOptions Parse(string[] args)
    {
        if (args.Length % 2 != 0)
        {
            throw new ArgumentException("every option takes one value");
        }
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i += 2)
        {
            values[args[i]] = args[i + 1];
        }
        string Required(string name) => values.TryGetValue(name, out var value) ? value : throw new ArgumentException($"{name} is required");
        double Number(string name, double fallback) =>
            !values.TryGetValue(name, out var text) ? fallback
            : double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value > 0 ? value
            : throw new ArgumentException($"{name} must be a positive number, not '{text}'");

        var known = new HashSet<string>(["--url", "--body", "--label", "--rate", "--duration", "--warmup", "--connections", "--timeout"]);
        if (values.Keys.FirstOrDefault(name => !known.Contains(name)) is { } unknown)
        {
            throw new ArgumentException($"unknown option {unknown}");
        }
        if (!Uri.TryCreate(Required("--url"), UriKind.Absolute, out var url))
        {
            throw new ArgumentException($"--url '{values["--url"]}' is not an absolute URL");
        }
        var bodyPath = Required("--body");
        if (!File.Exists(bodyPath))
        {
            throw new ArgumentException($"--body file '{bodyPath}' does not exist");
        }
        return new OpenLoopOptions
        {
            Url = url,
            Body = File.ReadAllBytes(bodyPath),
            Label = Required("--label"),
            Rate = (int)Number("--rate", 1000),
            Duration = TimeSpan.FromSeconds(Number("--duration", 10)),
            Warmup = TimeSpan.FromSeconds(Number("--warmup", 2)),
            Connections = (int)Number("--connections", 64),
            Timeout = TimeSpan.FromSeconds(Number("--timeout", 5)),
        };
    }
}
