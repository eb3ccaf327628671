using Portal.Domain.Credit;

namespace Portal.Features.Credit;

/// <summary>Operator verb: `dotnet Portal.dll credit-review` runs the monthly review now (idempotent within a day).</summary>
public static class CreditCli
{
    public const string Usage = "credit-review                   review every account's credit tier now (a re-run the same day changes nothing)";

    public static async Task<int> RunAsync(WebApplication app, string[] args)
    {
        using var scope = app.Services.CreateScope();
        var job = scope.ServiceProvider.GetRequiredService<CreditReviewJob>();
        var changes = await job.RunAllAsync("cli", PointEventKind.Review, null, notify: true, CancellationToken.None);
        Console.WriteLine($"Credit review done: {changes} tier change(s).");
        return 0;
    }
}
