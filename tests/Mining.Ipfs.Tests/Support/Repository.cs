namespace Mining.Ipfs.Tests.Support;

/// <summary>Paths inside the repository the tests run from.</summary>
internal static class Repository
{
    public static string Root { get; } = FindRoot();

    public static string LocalStack => Path.Combine(Root, "infra", "local");

    /// <summary>Node.js 22 from infra/local (Helia needs it; the machine's node may be older).</summary>
    public static string Node => Path.Combine(LocalStack, "node_modules", ".bin", "node");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Mining.Functions.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"Mining.Functions.sln not found above {AppContext.BaseDirectory}; run the tests from the repository.");
    }
}
