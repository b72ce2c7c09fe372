using System.Globalization;

namespace Mining.Functions.Benchmarks;

/// <summary>Command-line options of the pipeline benchmark.</summary>
internal sealed record BenchOptions
{
    public int Learnings { get; init; } = 1000;

    /// <summary>Learnings sent through the whole pipeline before the measured ones, so a fresh process's first calls are not measured.</summary>
    public int Warmup { get; init; } = 32;
    public int Concurrency { get; init; } = 8;
    public int BatchSize { get; init; } = 256;
    public TimeSpan BatchWindow { get; init; } = TimeSpan.FromSeconds(5);
    public int Confirmations { get; init; } = 2;
    public int BlockTimeSeconds { get; init; } = 1;
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(20);
    public string? AppConfiguration { get; init; }
    public string? HubName { get; init; }
    public bool ReuseStack { get; init; }

    /// <summary>
    /// HelloSequence5 orchestrations run on the engine alone before the app starts (the engine's floor); 0 skips it. By
    /// default as many as the run's learnings, so both leave tables of the same size and run about as long.
    /// </summary>
    public int? Floor { get; init; }

    /// <summary>The floor's number of orchestrations: <see cref="Floor"/>, or as many as <see cref="Learnings"/>.</summary>
    public int FloorCount => Floor ?? Learnings;

    /// <summary>Runs in one invocation, each on its own fresh stack (unless <see cref="ReuseStack"/>); the targets are judged on their median.</summary>
    public int Repeat { get; init; } = 1;

    /// <summary>Pause between repeated runs.</summary>
    public TimeSpan Pause { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Approvals per second to offer; 0 approves as fast as <see cref="Concurrency"/> allows.</summary>
    public double ApprovalRate { get; init; }

    public static string Usage =>
        """
        Usage: dotnet run -c Release --project bench/Mining.Functions.Benchmarks -- [options]
          --learnings N         learnings to submit and approve (default 1000)
          --warmup N            learnings sent through the whole pipeline first and not measured (default 32, 0: none)
          --concurrency N       parallel HTTP requests while submitting and approving (default 8)
          --batch-size N        Publishing__BatchSize of the app (default 256)
          --batch-window S      Publishing__BatchWindow in seconds (default 5)
          --confirmations N     Chain__Confirmations (default 2)
          --block-time S        anvil interval block time when the stack is started (default 1)
          --timeout MIN         minutes to wait for every learning to be rewarded (default 20)
          --app-config C        run src/Mining.Functions.LocalHost/bin/C/net10.0 (default: this build's configuration, else the one built)
          --hub NAME            durable task hub of the run (default: a fresh one per run)
          --approval-rate R     approve R learnings per second, on a fixed schedule (default 0: as fast as the
                                concurrency allows); a rate the pipeline sustains shows its latency without a backlog
          --floor N             HelloSequence5 orchestrations run on the engine alone first, on the same Azurite and
                                host.json settings: the engine's own throughput, the floor the pipeline is judged
                                against (default: as many as --learnings; 0: skip)
          --repeat N            runs in one invocation, each with its own fresh stack and app (default 1); a summary
                                then lists every run and judges the targets on their median
          --pause S             seconds between repeated runs (default 30)
          --reuse-stack         run on the repository's shared dev stack (default: a fresh stack of the run's own,
                                in a temporary folder, stopped and deleted at the end)
        """;

    public static BenchOptions Parse(string[] args)
    {
        var options = new BenchOptions();
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            int NextInt() => int.Parse(Next(), CultureInfo.InvariantCulture);
            options = args[i] switch
            {
                "--learnings" => options with { Learnings = NextInt() },
                "--warmup" => options with { Warmup = NextInt() },
                "--concurrency" => options with { Concurrency = NextInt() },
                "--batch-size" => options with { BatchSize = NextInt() },
                "--batch-window" => options with { BatchWindow = TimeSpan.FromSeconds(double.Parse(Next(), CultureInfo.InvariantCulture)) },
                "--confirmations" => options with { Confirmations = NextInt() },
                "--block-time" => options with { BlockTimeSeconds = NextInt() },
                "--timeout" => options with { Timeout = TimeSpan.FromMinutes(double.Parse(Next(), CultureInfo.InvariantCulture)) },
                "--app-config" => options with { AppConfiguration = Next() },
                "--hub" => options with { HubName = Next() },
                "--reuse-stack" => options with { ReuseStack = true },
                "--repeat" => options with { Repeat = NextInt() },
                "--floor" => options with { Floor = NextInt() },
                "--pause" => options with { Pause = TimeSpan.FromSeconds(double.Parse(Next(), CultureInfo.InvariantCulture)) },
                "--approval-rate" => options with { ApprovalRate = double.Parse(Next(), CultureInfo.InvariantCulture) },
                _ => throw new ArgumentException($"Unknown option {args[i]}."),
            };
        }

        if (options.Learnings < 1 || options.Concurrency < 1 || options.BatchSize < 1 || options.Confirmations < 1 || options.BlockTimeSeconds < 1)
        {
            throw new ArgumentException("--learnings, --concurrency, --batch-size, --confirmations and --block-time must be at least 1.");
        }

        if (options.Repeat < 1 || options.Pause < TimeSpan.Zero)
        {
            throw new ArgumentException("--repeat must be at least 1 and --pause 0 or more seconds.");
        }

        if (options.Warmup < 0 || options.Floor < 0)
        {
            throw new ArgumentException("--warmup and --floor must be 0 (none) or a number of learnings or orchestrations.");
        }

        if (options.ApprovalRate < 0)
        {
            throw new ArgumentException("--approval-rate must be 0 (as fast as possible) or a positive number of approvals per second.");
        }

        return options;
    }
}
