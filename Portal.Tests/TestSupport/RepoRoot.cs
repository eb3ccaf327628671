namespace Portal.Tests.TestSupport;

public static class RepoRoot
{
    /// <summary>The folder holding PowerMarketing.sln, found by walking up from the test binaries.</summary>
    public static string Path { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "PowerMarketing.sln")))
                return dir.FullName;
        throw new InvalidOperationException("PowerMarketing.sln not found above " + AppContext.BaseDirectory);
    }
}
