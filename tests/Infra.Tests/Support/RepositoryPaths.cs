namespace CpanelSessionOps.Infra.Tests.Support;

/// <summary>Where the repository's deployment files and the test data are.</summary>
internal static class RepositoryPaths
{
    /// <summary>The repository root: the folder holding CpanelSessionOps.sln above the test's output folder.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>The Bicep folder, <c>infra/</c>.</summary>
    public static string Infra => Path.Combine(Root, "infra");

    /// <summary>A file under the test's <c>TestData/</c> folder.</summary>
    public static string TestData(params string[] parts) => Path.Combine([AppContext.BaseDirectory, "TestData", .. parts]);

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "CpanelSessionOps.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No CpanelSessionOps.sln above {AppContext.BaseDirectory}: run the tests from the repository.");
    }
}
