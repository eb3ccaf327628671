using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Forms;
using MudBlazor;
using Portal.Domain.Usage;
using Portal.Infrastructure.Localization;
using Portal.Infrastructure.Security;

namespace Portal.Features.Usage;

public partial class UsageImportPage
{
    /// <summary>A year of 15-minute data for ~300 accounts is about 400 MB of CSV; larger files go through the CLI.</summary>
    public const long MaxUploadBytes = 512L * 1024 * 1024;

    [CascadingParameter] private Task<AuthenticationState> Auth { get; set; } = default!;
    [Inject] private UsageImportService Imports { get; set; } = default!;
    [Inject] private InteractiveLimiter Limiter { get; set; } = default!;

    private static readonly Dictionary<string, object> DownloadAttr = new() { ["download"] = "" };
    private bool busy;
    private double progress;
    private string phase = "";
    private string? error;
    private ImportOutcome? outcome;
    private DateTime lastRender;

    private async Task UploadAsync(IBrowserFile? file)
    {
        if (file is null) return;
        error = null;
        outcome = null;
        if (file.Size > MaxUploadBytes)
        {
            error = L["UsageImport.TooLarge", MaxUploadBytes / 1024 / 1024];
            return;
        }
        // Each import rewrites readings in one transaction: an hourly budget per admin (RateLimits:ImportsPerHour).
        if (!Limiter.TryAcquire(InteractiveAction.ReadingsImport, Accounts.AccountAccessService.UserId((await Auth).User) ?? "", out var wait))
        {
            error = L.Plural("Security.TooManyImports", Math.Max(1, (int)Math.Ceiling(wait.TotalMinutes)));
            return;
        }
        busy = true;
        var temp = Path.Combine(Path.GetTempPath(), "pm-import-" + Guid.NewGuid().ToString("N") + ".csv");
        try
        {
            // Phase 1 (0–50 %): bring the file over the circuit into a temporary file.
            phase = L["UsageImport.Uploading", file.Name];
            await using (var source = file.OpenReadStream(MaxUploadBytes))
            await using (var target = File.Create(temp))
            {
                var buffer = new byte[1 << 16];
                long copied = 0;
                int read;
                while ((read = await source.ReadAsync(buffer)) > 0)
                {
                    await target.WriteAsync(buffer.AsMemory(0, read));
                    copied += read;
                    await ReportAsync(file.Size == 0 ? 0.5 : 0.5 * copied / file.Size);
                }
            }
            // Phase 2 (50–100 %): validate and write in one transaction.
            phase = L["UsageImport.Importing", file.Name];
            var user = (await Auth).User.Identity?.Name;
            await using (var stream = File.OpenRead(temp))
                outcome = await Imports.ImportAsync(stream, file.Name, "upload", user, new Progress(this));
            progress = 1;
            phase = outcome.Failed ? L["UsageImport.NothingImported", file.Name] : L["UsageImport.Done", file.Name];
            if (outcome.DaysWritten > 0) Imports.EnqueueFollowUp();
        }
        catch (IOException ex)
        {
            error = L["UsageImport.Failed", ex.Message];
        }
        finally
        {
            busy = false;
            File.Delete(temp);
        }
    }

    /// <summary>A failed import must not look finished and fine: red when nothing was taken, amber when some rows were not.</summary>
    private Color BarColor => outcome switch
    {
        null => Color.Primary,
        { Failed: true } => Color.Error,
        { RejectedRows: > 0 } => Color.Warning,
        _ => Color.Success,
    };

    /// <summary>Up to three distinct offending values of one reason, so the cause is visible without the report.</summary>
    private string SampleValues(IEnumerable<RejectedRow> rows) =>
        string.Join(", ", rows.Select(r => r.Value.Length == 0 ? L["UsageImport.EmptyValue"].Value : r.Value).Distinct().Take(3));

    private async Task ReportAsync(double value)
    {
        progress = value;
        // Re-render at most ~10 times a second: the circuit, not the copy, is the bottleneck.
        if (DateTime.UtcNow - lastRender < TimeSpan.FromMilliseconds(100)) return;
        lastRender = DateTime.UtcNow;
        await InvokeAsync(StateHasChanged);
    }

    private Task<GridData<RejectedRow>> LoadRejects(GridState<RejectedRow> state, CancellationToken ct)
    {
        var rows = outcome?.Rejected ?? [];
        return Task.FromResult(new GridData<RejectedRow>
        {
            Items = rows.Skip(state.Page * state.PageSize).Take(state.PageSize).ToList(),
            TotalItems = rows.Count,
        });
    }

    private sealed class Progress(UsageImportPage page) : IProgress<double>
    {
        public void Report(double value) => _ = page.ReportAsync(0.5 + value / 2);
    }
}
