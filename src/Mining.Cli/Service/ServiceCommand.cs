using System.CommandLine;

namespace Mining.Cli.Service;

/// <summary>Wires a command that talks to the service: its connection options, the connection, and <see cref="CliRunner"/>.</summary>
internal static class ServiceCommand
{
    public delegate Task<object> Body(ParseResult parseResult, MiningApi api, bool json, CancellationToken cancellationToken);

    public static Command Create(string name, string description, Body body, params Symbol[] symbols)
    {
        var command = new Command(name, description);
        foreach (var symbol in symbols)
        {
            switch (symbol)
            {
                case Argument argument:
                    command.Arguments.Add(argument);
                    break;
                case Option option:
                    command.Options.Add(option);
                    break;
            }
        }

        var options = new ServiceOptions();
        options.AddTo(command);
        command.SetAction((parseResult, cancellationToken) => CliRunner.RunAsync(options.IsJson(parseResult), async () =>
        {
            var connection = await options.ResolveAsync(parseResult, cancellationToken);
            using var api = new MiningApi(connection);
            return await body(parseResult, api, options.IsJson(parseResult), cancellationToken);
        }));
        return command;
    }
}
