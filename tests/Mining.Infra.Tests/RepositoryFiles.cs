namespace Mining.Infra.Tests;

/// <summary>Locates files of the repository (infra/azure, azure.yaml) from the test output directory.</summary>
internal static class RepositoryFiles
{
    public static string Root { get; } = FindRoot();

    public static string PathOf(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Mining.Functions.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"Mining.Functions.sln not found above {AppContext.BaseDirectory}.");
    }
}
