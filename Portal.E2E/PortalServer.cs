using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Portal.E2E;

/// <summary>
/// Starts the real Portal (the built Portal.dll, as an operator would run it) on two free loopback ports with
/// a fresh SQLite file, seeded with a small demo utility, plus one headless Debian Chromium for the whole run.
/// </summary>
public sealed class PortalServer : IAsyncLifetime
{
    private Process? _process;
    private readonly StringBuilder _log = new();

    public string DataFolder { get; } = Path.Combine(Path.GetTempPath(), "pm-e2e", Guid.NewGuid().ToString("N"));
    public int PublicPort { get; } = FreePort();
    public int InternalPort { get; } = FreePort();
    public string PublicUrl => $"http://127.0.0.1:{PublicPort}";
    public string InternalUrl => $"http://127.0.0.1:{InternalPort}";
    public IPlaywright Playwright { get; private set; } = default!;
    public IBrowser Browser { get; private set; } = default!;

    public static string RepoRoot { get; } = FindRepoRoot();
    public static string PortalDll => Path.Combine(RepoRoot, "Portal", "bin", Configuration, "net10.0", "Portal.dll");
    public static string ArtifactsFolder { get; } = Environment.GetEnvironmentVariable("E2E_ARTIFACTS") ?? Path.Combine(RepoRoot, "artifacts", "e2e");

    public async Task InitializeAsync()
    {
        var portalDll = PortalDll;
        if (!File.Exists(portalDll)) throw new InvalidOperationException($"Build the Portal first: {portalDll} is missing.");
        Directory.CreateDirectory(ArtifactsFolder);

        var psi = new ProcessStartInfo("dotnet", $"\"{portalDll}\"")
        {
            WorkingDirectory = Path.GetDirectoryName(portalDll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        psi.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        psi.Environment["Endpoints__Public"] = PublicUrl;
        psi.Environment["Endpoints__Internal"] = InternalUrl;
        psi.Environment["Database__DataFolder"] = DataFolder;
        psi.Environment["Database__SeedDemoData"] = "true";
        psi.Environment["Database__DemoAccounts"] = "40";
        psi.Environment["Database__DemoMonths"] = "14";
        psi.Environment["Security__RequireStaffTwoFactor"] = "false";
        psi.Environment["Security__SecureCookies"] = "false";
        psi.Environment["RateLimits__AuthPostsPerMinute"] = "1000";
        psi.Environment["RateLimits__ComplaintsPerHour"] = "1000";
        // Sessions are re-checked every 2 s (production: 60 s) so revocation journeys take seconds.
        psi.Environment["Security__RevalidationSeconds"] = "2";
        psi.Environment["Security__MaxCircuitsPerUser"] = Journeys.SessionRevocationTests.CircuitCap.ToString(System.Globalization.CultureInfo.InvariantCulture);
        _process = Process.Start(psi)!;
        _process.OutputDataReceived += (_, e) => { lock (_log) _log.AppendLine(e.Data); };
        _process.ErrorDataReceived += (_, e) => { lock (_log) _log.AppendLine(e.Data); };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        using var http = new HttpClient();
        var deadline = DateTime.UtcNow.AddSeconds(180);
        while (true)
        {
            if (_process.HasExited) throw new InvalidOperationException("The portal exited during start-up:\n" + Log);
            try
            {
                if ((await http.GetAsync(PublicUrl + "/Account/Login")).IsSuccessStatusCode) break;
            }
            catch (HttpRequestException) { }
            if (DateTime.UtcNow > deadline) throw new TimeoutException("The portal did not start within 180 s:\n" + Log);
            await Task.Delay(500);
        }

        Playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        Browser = await Playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"],
        });
    }

    public string Log { get { lock (_log) return _log.ToString(); } }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.CloseAsync();
        Playwright?.Dispose();
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        Gallery.Write(ArtifactsFolder);
        try { Directory.Delete(DataFolder, recursive: true); } catch (IOException) { }
    }

    private static string Configuration =>
        typeof(PortalServer).Assembly.Location.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}") ? "Release" : "Debug";

    private static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "PowerMarketing.sln"))) return dir.FullName;
        throw new InvalidOperationException("PowerMarketing.sln not found");
    }
}

[CollectionDefinition(Name)]
public sealed class PortalServerCollection : ICollectionFixture<PortalServer>
{
    public const string Name = "portal-server";
}

/// <summary>
/// Writes artifacts/e2e/index.html: one row per page with its four shots (zh-CN and en-US, desktop and phone) side by
/// side, then every other screenshot, and links to the accessibility reports.
/// </summary>
public static class Gallery
{
    private static readonly string[] Columns = ["zh-CN-desktop", "zh-CN-phone", "en-US-desktop", "en-US-phone"];

    public static void Write(string folder)
    {
        if (!Directory.Exists(folder)) return;
        var shots = Directory.GetFiles(folder, "*.png").Select(f => Path.GetFileNameWithoutExtension(f)).Order().ToList();
        var rows = shots.Select(n => (Name: n, Column: Columns.FirstOrDefault(c => n.EndsWith("-" + c))))
            .Where(x => x.Column is not null)
            .GroupBy(x => x.Name[..^(x.Column!.Length + 1)])
            .Where(g => g.Count() > 1)
            .OrderBy(g => g.Key)
            .ToList();
        var inRows = rows.SelectMany(g => g.Select(x => x.Name)).ToHashSet();
        var html = new StringBuilder("<!DOCTYPE html><html lang=\"en\"><meta charset=\"utf-8\"><title>PowerMarketing screenshots</title>")
            .Append("<style>body{font-family:sans-serif}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:4px;vertical-align:top}")
            .Append("img{max-width:240px;max-height:420px}td.phone img{max-width:120px}figure{display:inline-block;margin:8px;vertical-align:top}figure img{max-width:360px}</style>")
            .Append("<h1>PowerMarketing screenshots</h1>");
        var reports = Directory.GetFiles(folder, "axe-*.txt").Select(Path.GetFileName).Order().ToList();
        if (reports.Count > 0)
            html.Append("<p>Accessibility reports (every axe finding, any impact): ")
                .Append(string.Join(" · ", reports.Select(r => $"<a href=\"{r}\">{r}</a>"))).Append("</p>");
        html.Append($"<h2>Pages in both languages ({rows.Count})</h2><table><tr><th>page</th>");
        foreach (var c in Columns) html.Append($"<th>{c}</th>");
        html.Append("</tr>");
        foreach (var g in rows)
        {
            html.Append($"<tr><th>{g.Key}</th>");
            foreach (var c in Columns)
            {
                var n = $"{g.Key}-{c}";
                html.Append(c.EndsWith("phone") ? "<td class=\"phone\">" : "<td>")
                    .Append(inRows.Contains(n) ? $"<a href=\"{n}.png\"><img loading=\"lazy\" src=\"{n}.png\" alt=\"{n}\"></a>" : "–").Append("</td>");
            }
            html.Append("</tr>");
        }
        html.Append("</table><h2>Other screenshots</h2>");
        foreach (var s in shots.Where(n => !inRows.Contains(n)))
            html.Append($"<figure><a href=\"{s}.png\"><img loading=\"lazy\" src=\"{s}.png\" alt=\"{s}\"></a><figcaption>{s}</figcaption></figure>");
        File.WriteAllText(Path.Combine(folder, "index.html"), html.Append("</html>").ToString());
    }
}
