namespace Mining.Ethereum.Tests.Support;

internal static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string NodeBin(string name) => Path.Combine(Root, "infra", "local", "node_modules", ".bin", name);

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Mining.Functions.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Could not find the repository root (Mining.Functions.sln) above the test output folder.");
    }
}
