using System.Globalization;
using Modelship.Benchmarks.OpenLoop;

if (!OperatingSystem.IsLinux())
{
    await Console.Error.WriteLineAsync("the open-loop generator needs Linux (clock_nanosleep)");
    return 2;
}

OpenLoopOptions options;
try
{
    options = OpenLoopOptions.Parse(args);
}
catch (ArgumentException e)
{
    await Console.Error.WriteLineAsync($"{e.Message}\n{OpenLoopOptions.Usage}");
    return 2;
}

var summaries = await new OpenLoopRun(options).RunAsync();
var interleaving = options.Targets.Count > 1
    ? string.Create(CultureInfo.InvariantCulture, $", in {options.Segment.TotalSeconds:0.###} s segments interleaved with {string.Join(", ", options.Targets.Select(t => t.Label))}")
    : "";
for (var i = 0; i < summaries.Count; i++)
{
    var (label, summary) = (options.Targets[i].Label, summaries[i]);
    foreach (var line in summary.BenchLines(label))
    {
        Console.WriteLine(line);
    }
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"# {label}: {summary.Requests} requests at {options.Rate}/s over {options.Duration.TotalSeconds:0} s after {options.Warmup.TotalSeconds:0} s warm-up{interleaving}, {options.Connections} connections, {summary.Errors} errors"));
    if (summary.FirstFailure is not null)
    {
        await Console.Error.WriteLineAsync($"{label}: first failure: {summary.FirstFailure}");
    }
}
if (options.Saturate > TimeSpan.Zero)
{
    var rates = await new OpenLoopRun(options).SaturateAsync();
    for (var i = 0; i < rates.Count; i++)
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"BENCH {options.Targets[i].Label}_saturated_rps {rates[i]:0} requests/s"));
    }
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"# saturated: {options.SaturateConnections} closed loops per target, {options.Saturate.TotalSeconds:0} s each in {options.Segment.TotalSeconds:0.###} s turns; a sequence counts once"));
}
return 0;
