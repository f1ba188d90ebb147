using System.CommandLine;
using Modelship.Cli;

// SIGTERM cancels the command's token and the process ends when the command has stopped gracefully (leases released,
// in-flight reconciles and requests drained within the command's own timeouts). System.CommandLine would otherwise
// cut that short after 2 s with exit 143; the outer bound is the pod's terminationGracePeriodSeconds.
var invocation = new InvocationConfiguration { ProcessTerminationTimeout = Timeout.InfiniteTimeSpan };
return await ModelshipCommand.Create().Parse(args).InvokeAsync(invocation);
