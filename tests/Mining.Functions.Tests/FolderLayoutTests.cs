using System.Text.RegularExpressions;
using Mining.Testing;

namespace Mining.Functions.Tests;

/// <summary>
/// Mining.Functions' folders stay layered (see its README): each source file's namespace is its folder's, and no two
/// folders import each other, directly or through others. An import is a <c>using Mining.Functions.X;</c> (also
/// <c>using static</c>), a name written <c>Mining.Functions.X.…</c>, or a type of folder X written <c>X.Type</c>. Reads
/// the sources; builds nothing.
/// </summary>
public sealed partial class FolderLayoutTests
{
    /// <summary>The namespace of the <c>AddXxx</c> service-collection extensions, which hosts call without a using.</summary>
    private const string ServiceCollectionNamespace = "Microsoft.Extensions.DependencyInjection";

    private static readonly string Root = RepositoryFiles.PathOf("src", "Mining.Functions");

    [Fact]
    public void Every_source_file_is_in_a_folder_and_declares_that_folders_namespace()
    {
        var sources = Sources();
        Assert.True(sources.Count > 100, $"Expected the sources of Mining.Functions under {Root}; found {sources.Count} files.");
        var wrong = sources
            .Where(s => s.Folder.Length == 0 || (s.Namespace != ExpectedNamespace(s) && s.Namespace != ServiceCollectionNamespace))
            .Select(s => $"{s.Path}: namespace '{s.Namespace}', expected '{ExpectedNamespace(s)}'"
                + (s.Folder.Length == 0 ? " (and move it into a folder: a root namespace is seen by every folder without a using)" : string.Empty))
            .ToList();
        Assert.True(wrong.Count == 0, "Each file's namespace must be its folder's:\n" + string.Join('\n', wrong));
    }

    [Fact]
    public void No_two_folders_import_each_other()
    {
        var cycles = Cycles(ImportGraph(Sources()));
        Assert.True(cycles.Count == 0,
            "Folders of src/Mining.Functions import each other; move the type to the folder where it belongs (see the layer order in "
            + "src/Mining.Functions/README.md):\n" + string.Join('\n', cycles));
    }

    /// <summary>A source file: its path under src/Mining.Functions, its top folder (nested folders count as part of it), namespace and text.</summary>
    private sealed record Source(string Path, string Folder, string Directory, string Namespace, string Text);

    private static string ExpectedNamespace(Source source) =>
        source.Directory.Length == 0 ? "Mining.Functions" : "Mining.Functions." + source.Directory.Replace('/', '.');

    private static List<Source> Sources()
    {
        var bin = Path.DirectorySeparatorChar + "bin" + Path.DirectorySeparatorChar;
        var obj = Path.DirectorySeparatorChar + "obj" + Path.DirectorySeparatorChar;
        return [.. System.IO.Directory.EnumerateFiles(Root, "*.cs", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(Root, f))
            .Where(r => !(Path.DirectorySeparatorChar + r).Contains(bin, StringComparison.Ordinal)
                && !(Path.DirectorySeparatorChar + r).Contains(obj, StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(r =>
            {
                var path = r.Replace(Path.DirectorySeparatorChar, '/');
                var directory = Path.GetDirectoryName(path)?.Replace(Path.DirectorySeparatorChar, '/') ?? string.Empty;
                var text = File.ReadAllText(Path.Combine(Root, r));
                var ns = NamespaceLine().Match(text) is { Success: true } m ? m.Groups[1].Value : string.Empty;
                return new Source(path, directory.Split('/')[0], directory, ns, text);
            })];
    }

    /// <summary>Folder → the folders it imports, each with the first file that does.</summary>
    private static Dictionary<string, SortedDictionary<string, string>> ImportGraph(List<Source> sources)
    {
        var folders = sources.Select(s => s.Folder).Where(f => f.Length > 0).ToHashSet(StringComparer.Ordinal);
        var typesOf = sources.GroupBy(s => s.Folder).ToDictionary(
            g => g.Key, g => g.SelectMany(s => TypeDeclaration().Matches(s.Text).Select(m => m.Groups[1].Value)).ToHashSet(StringComparer.Ordinal));
        var graph = folders.ToDictionary(f => f, _ => new SortedDictionary<string, string>(StringComparer.Ordinal));
        foreach (var source in sources.Where(s => s.Folder.Length > 0))
        {
            var imported = QualifiedName().Matches(source.Text).Select(m => m.Groups[1].Value)
                .Concat(PartlyQualifiedName().Matches(source.Text)
                    .Where(m => typesOf.TryGetValue(m.Groups[1].Value, out var types) && types.Contains(m.Groups[2].Value))
                    .Select(m => m.Groups[1].Value));
            foreach (var folder in imported.Where(f => folders.Contains(f) && f != source.Folder))
            {
                graph[source.Folder].TryAdd(folder, source.Path);
            }
        }

        return graph;
    }

    /// <summary>One line per group of folders that import each other: a cycle through them, with the file behind each step.</summary>
    private static List<string> Cycles(Dictionary<string, SortedDictionary<string, string>> graph)
    {
        var found = new List<string>();
        var done = new HashSet<string>(StringComparer.Ordinal);
        foreach (var start in graph.Keys.Order(StringComparer.Ordinal))
        {
            if (done.Contains(start))
            {
                continue;
            }

            // The shortest way back to start, breadth first: a cycle through start, if there is one.
            var cameFrom = new Dictionary<string, string>(StringComparer.Ordinal);
            var queue = new Queue<string>([start]);
            while (queue.Count > 0 && !cameFrom.ContainsKey(start))
            {
                var folder = queue.Dequeue();
                foreach (var next in graph[folder].Keys.Where(n => !cameFrom.ContainsKey(n)))
                {
                    cameFrom[next] = folder;
                    queue.Enqueue(next);
                }
            }

            if (!cameFrom.ContainsKey(start))
            {
                continue;
            }

            var path = new List<string> { start };
            for (var at = cameFrom[start]; at != start; at = cameFrom[at])
            {
                path.Insert(0, at);
            }

            path.Insert(0, start);
            done.UnionWith(path);
            found.Add(string.Join(" → ", path) + "  ("
                + string.Join("; ", path.Zip(path.Skip(1), (a, b) => $"{a} → {b}: {graph[a][b]}")) + ")");
        }

        return found;
    }

    [GeneratedRegex(@"^namespace\s+([\w.]+)\s*;", RegexOptions.Multiline)]
    private static partial Regex NamespaceLine();

    [GeneratedRegex(@"\b(?:class|record|struct|interface|enum)\s+(\w+)")]
    private static partial Regex TypeDeclaration();

    /// <summary><c>using Mining.Functions.X;</c>, <c>using static Mining.Functions.X.Y;</c> and <c>Mining.Functions.X.Y</c> anywhere (crefs too).</summary>
    [GeneratedRegex(@"\bMining\.Functions\.(\w+)\s*[.;]")]
    private static partial Regex QualifiedName();

    /// <summary><c>X.Type</c> written from inside Mining.Functions, where X resolves to the sibling folder's namespace.</summary>
    [GeneratedRegex(@"(?<![\w.])(\w+)\.(\w+)\b")]
    private static partial Regex PartlyQualifiedName();
}
