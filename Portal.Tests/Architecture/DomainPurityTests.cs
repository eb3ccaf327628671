using System.Reflection;
using NetArchTest.Rules;
using Portal.Domain.Common;

namespace Portal.Tests.Architecture;

public class DomainPurityTests
{
    private static readonly Assembly Domain = typeof(Money).Assembly;

    [Fact]
    public void The_domain_filter_matches_domain_types()
    {
        // Guards the rule below: an empty selection would make it pass vacuously.
        Assert.True(Types.InAssembly(Domain).GetTypes().Count() > 50);
    }

    [Fact]
    public void Domain_references_nothing_but_the_base_class_library()
    {
        var referenced = Domain.GetReferencedAssemblies().Select(a => a.Name!).ToList();
        Assert.NotEmpty(referenced);
        var foreign = referenced.Where(n => !(n.StartsWith("System", StringComparison.Ordinal) || n is "netstandard" or "mscorlib")).ToList();
        Assert.Empty(foreign);
    }

    [Theory]
    [InlineData("Microsoft.EntityFrameworkCore")]
    [InlineData("Microsoft.AspNetCore")]
    [InlineData("Hangfire")]
    [InlineData("MudBlazor")]
    [InlineData("Portal.Data")]
    [InlineData("Portal.Features")]
    public void Domain_does_not_depend_on_infrastructure(string forbidden)
    {
        var result = Types.InAssembly(Domain).ShouldNot().HaveDependencyOn(forbidden).GetResult();
        Assert.True(result.IsSuccessful, string.Join(", ", result.FailingTypeNames ?? []));
    }

    [Fact]
    public void Domain_project_file_has_no_package_or_project_references()
    {
        var csproj = File.ReadAllText(Path.Combine(RepoRoot.Path, "Portal.Domain", "Portal.Domain.csproj"));
        Assert.DoesNotContain("PackageReference", csproj);
        Assert.DoesNotContain("ProjectReference", csproj);
    }
}
