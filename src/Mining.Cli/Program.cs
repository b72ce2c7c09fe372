using Mining.Cli;

return await MiningCommand.RunAsync(args);
