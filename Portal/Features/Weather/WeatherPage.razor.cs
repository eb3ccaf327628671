using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Forms;
using Portal.Domain.Weather;
using Portal.Features.Accounts;
using Portal.Infrastructure.Localization;
using Portal.Infrastructure.Security;

namespace Portal.Features.Weather;

public partial class WeatherPage
{
    /// <summary>Thirty years of daily means for a dozen regions is about 5 MB.</summary>
    public const long MaxUploadBytes = 20L * 1024 * 1024;

    [CascadingParameter] private Task<AuthenticationState> Auth { get; set; } = default!;
    [Inject] private WeatherImportService Imports { get; set; } = default!;
    [Inject] private InteractiveLimiter Limiter { get; set; } = default!;

    private IReadOnlyList<RegionCoverage>? coverage;
    private WeatherImportOutcome? outcome;
    private string? error;
    private bool busy;
    private string? period;
    private NormalsImportOutcome? normalsOutcome;
    private string? normalsError;

    protected override async Task OnInitializedAsync() => coverage = await Imports.CoverageAsync();

    private async Task UploadAsync(IBrowserFile? file)
    {
        if (file is null) return;
        error = null;
        outcome = null;
        if (file.Size > MaxUploadBytes)
        {
            error = L["Weather.TooLarge", MaxUploadBytes / 1024 / 1024];
            return;
        }
        var user = (await Auth).User;
        // Imports share the admin's hourly import budget with the meter import (RateLimits:ImportsPerHour).
        if (!Limiter.TryAcquire(InteractiveAction.ReadingsImport, AccountAccessService.UserId(user) ?? "", out var wait))
        {
            error = L["Security.TooManyImports", Math.Max(1, (int)Math.Ceiling(wait.TotalMinutes))];
            return;
        }
        busy = true;
        try
        {
            await using var stream = file.OpenReadStream(MaxUploadBytes);
            using var buffer = new MemoryStream();
            await stream.CopyToAsync(buffer);
            buffer.Position = 0;
            outcome = await Imports.ImportAsync(buffer, "upload:" + file.Name, user.Identity?.Name ?? "", AccountAccessService.UserId(user));
            if (outcome.Imported)
            {
                Imports.EnqueueRefresh();
                coverage = await Imports.CoverageAsync();
            }
        }
        catch (IOException ex)
        {
            error = L["Weather.Failed", ex.Message];
        }
        finally
        {
            busy = false;
        }
    }

    /// <summary>The second upload: published normals for the regions the file names, replacing theirs (all or nothing).</summary>
    private async Task UploadNormalsAsync(IBrowserFile? file)
    {
        if (file is null) return;
        normalsError = null;
        normalsOutcome = null;
        if (file.Size > MaxUploadBytes)
        {
            normalsError = L["Weather.TooLarge", MaxUploadBytes / 1024 / 1024];
            return;
        }
        var user = (await Auth).User;
        if (!Limiter.TryAcquire(InteractiveAction.ReadingsImport, AccountAccessService.UserId(user) ?? "", out var wait))
        {
            normalsError = L["Security.TooManyImports", Math.Max(1, (int)Math.Ceiling(wait.TotalMinutes))];
            return;
        }
        busy = true;
        try
        {
            var lines = new List<string>();
            await using (var stream = file.OpenReadStream(MaxUploadBytes))
            using (var reader = new StreamReader(stream))
                while (await reader.ReadLineAsync() is { } line) lines.Add(line);
            normalsOutcome = await Imports.ImportNormalsAsync(lines, period ?? "", "upload:" + file.Name, user.Identity?.Name ?? "", AccountAccessService.UserId(user));
            if (normalsOutcome.Imported)
            {
                Imports.EnqueueRefresh();
                coverage = await Imports.CoverageAsync();
            }
        }
        catch (IOException ex)
        {
            normalsError = L["Weather.Failed", ex.Message];
        }
        finally
        {
            busy = false;
        }
    }

    /// <summary>
    /// The refusal's headline: how many lines have problems, or — when every problem is about the file as a whole (line 0:
    /// empty, a region's normals incomplete) — that the file was refused, without counting lines that have none.
    /// </summary>
    private string RefusedText(IReadOnlyList<TemperatureLineError> errors)
    {
        var lines = errors.Count(e => e.Line > 0);
        if (lines == 0) return L["Weather.RefusedFile"];
        return L.Plural("Weather.Refused", lines, lines.ToString("N0"), errors.Count >= TemperatureImport.MaxErrors ? L["Weather.RefusedMore", TemperatureImport.MaxErrors].Value : "");
    }

    /// <summary>A region's display name where the portal has one (Region.*), else its code as the accounts hold it.</summary>
    private string RegionName(string region)
    {
        var name = L["Region." + region];
        return name.ResourceNotFound ? region : name.Value;
    }

    /// <summary>The localized text of an error code; each code is listed in <see cref="TemperatureImport.ErrorCodes"/> or <see cref="NormalsImport.ErrorCodes"/>.</summary>
    private string ErrorText(string code) => code switch
    {
        TemperatureImport.ErrorFieldCount => L["Weather.Error.FieldCount"],
        TemperatureImport.ErrorRegion => L["Weather.Error.Region"],
        TemperatureImport.ErrorDate => L["Weather.Error.Date"],
        TemperatureImport.ErrorFuture => L["Weather.Error.Future"],
        TemperatureImport.ErrorTooOld => L["Weather.Error.TooOld", TemperatureImport.MaxYearsBack],
        TemperatureImport.ErrorNumber => L["Weather.Error.Number"],
        TemperatureImport.ErrorRange => L["Weather.Error.Range", TemperatureImport.MinC, TemperatureImport.MaxC],
        TemperatureImport.ErrorDuplicate => L["Weather.Error.Duplicate"],
        TemperatureImport.ErrorEmpty => L["Weather.Error.Empty"],
        TemperatureImport.ErrorQuality => L["Weather.Error.Quality"],
        NormalsImport.ErrorFieldCount => L["Weather.Normals.Error.FieldCount"],
        NormalsImport.ErrorDay => L["Weather.Normals.Error.Day"],
        NormalsImport.ErrorDuplicate => L["Weather.Normals.Error.Duplicate"],
        NormalsImport.ErrorIncomplete => L["Weather.Normals.Error.Incomplete"],
        NormalsImport.ErrorPeriod => L["Weather.Normals.Error.Period", NormalsImport.MaxPeriodLength],
        _ => code,
    };
}
