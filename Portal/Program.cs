using Portal;
using Portal.Infrastructure.Cli;
using Portal.Infrastructure.Database;

// Program reads like a table of contents: PortalSetup.cs holds the AddX()/UseX() calls in order.
try
{
    var builder = WebApplication.CreateBuilder(args);
    builder.AddPortal();
    var app = builder.Build();

    if (PortalCli.IsCommand(args))
        return await PortalCli.RunAsync(app, args);

    await app.PrepareDatabaseAsync();
    app.UsePortal();
    await app.RunAsync();
    return 0;
}
catch (ConfigurationException ex)
{
    Console.Error.WriteLine($"PowerMarketing cannot start: {ex.Message}");
    return 2;
}

public partial class Program;
