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

var summary = await new OpenLoopRun(options).RunAsync();
foreach (var line in summary.BenchLines(options.Label))
{
    Console.WriteLine(line);
}
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"# {options.Label}: {summary.Requests} requests at {options.Rate}/s over {options.Duration.TotalSeconds:0} s after {options.Warmup.TotalSeconds:0} s warm-up, {options.Connections} connections, {summary.Errors} errors"));
if (summary.FirstFailure is not null)
{
    await Console.Error.WriteLineAsync($"{options.Label}: first failure: {summary.FirstFailure}");
}
return 0;
