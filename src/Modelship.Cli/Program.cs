using Modelship.Cli;

return await ModelshipCommand.Create().Parse(args).InvokeAsync();
