using System.Runtime.CompilerServices;

namespace Modelship.Api.Tests.Support;

/// <summary>Finds the checkout (the directory holding Operator.sln), whatever the build's artifacts path.</summary>
public static class RepositoryRoot
{
    public static string Path { get; } = Find();

    public static string File(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    private static string Find([CallerFilePath] string sourceFile = "")
    {
        string?[] starts = [AppContext.BaseDirectory, Directory.GetCurrentDirectory(), System.IO.Path.GetDirectoryName(sourceFile)];
        foreach (var start in starts)
        {
            for (var directory = start is null ? null : new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                if (System.IO.File.Exists(System.IO.Path.Combine(directory.FullName, "Operator.sln")))
                {
                    return directory.FullName;
                }
            }
        }
        throw new InvalidOperationException("Operator.sln not found above the test assembly, the working directory or the test sources");
    }
}
