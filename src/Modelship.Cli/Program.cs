using System.CommandLine;
using Modelship.Cli;
using Modelship.Serving.Routing;

// The commands that serve through a router run socket completions on the event thread (RouterOptions.InlineScheduling
// explains why); .NET reads this once per process, before the first socket, so it is set here unless given.
if ((args.FirstOrDefault(arg => !arg.StartsWith('-')) is "router" or "run" || args.Where(arg => !arg.StartsWith('-')).Take(2).LastOrDefault() == "run-local")
    && Environment.GetEnvironmentVariable(RouterOptions.InlineCompletionsVariable) is null)
{
    Environment.SetEnvironmentVariable(RouterOptions.InlineCompletionsVariable, "1");
}

// SIGTERM cancels the command's token and the process ends when the command has stopped gracefully (leases released,
// in-flight reconciles and requests drained within the command's own timeouts). System.CommandLine would otherwise
// cut that short after 2 s with exit 143; the outer bound is the pod's terminationGracePeriodSeconds.
var invocation = new InvocationConfiguration { ProcessTerminationTimeout = Timeout.InfiniteTimeSpan };
return await ModelshipCommand.Create().Parse(args).InvokeAsync(invocation);
