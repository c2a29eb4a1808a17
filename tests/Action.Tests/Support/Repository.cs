namespace CpanelSessionOps.Action.Tests.Support;

/// <summary>Files of the repository under test (found from the test assembly's folder upwards).</summary>
internal static class Repository
{
    private static readonly Lazy<string> Root = new(() =>
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (System.IO.File.Exists(Path.Combine(directory.FullName, "CpanelSessionOps.sln")))
            {
                return directory.FullName;
            }
        }

        throw new DirectoryNotFoundException("CpanelSessionOps.sln not found above " + AppContext.BaseDirectory);
    });

    public static string File(string relativePath) => Path.Combine(Root.Value, relativePath);
}
