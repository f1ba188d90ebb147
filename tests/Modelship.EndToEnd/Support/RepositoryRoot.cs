using System.Runtime.CompilerServices;

namespace Modelship.EndToEnd.Support;

/// <summary>The checkout (the directory holding Operator.sln), found from the test sources so any artifacts path works.</summary>
public static class RepositoryRoot
{
    public static string Path { get; } = Find();

    public static string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    private static string Find([CallerFilePath] string sourceFile = "")
    {
        foreach (var start in new[] { System.IO.Path.GetDirectoryName(sourceFile), AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var directory = string.IsNullOrEmpty(start) ? null : new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(System.IO.Path.Combine(directory.FullName, "Operator.sln")))
                {
                    return directory.FullName;
                }
            }
        }
        throw new InvalidOperationException("Operator.sln not found above the test sources, the test assembly or the working directory");
    }
}
