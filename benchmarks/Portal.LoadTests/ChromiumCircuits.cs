using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Features.Demo;
using Portal.Infrastructure.Cli;
using Portal.Infrastructure.Database;

namespace Portal.LoadTests;

public sealed record ChromiumOptions(int Count, int Accounts, int Months, string DataFolder, string OutFolder, IReadOnlyList<string> Pages,
    int TtiLoads, int Browsers, int Parallel)
{
    public static readonly string[] AllPages = ["home", "usage", "bills", "bill", "tariffs", "credit"];
}

/// <summary>
/// Circuits measured as a browser opens them (issue 20): a portal of its own in this process (as the scale scenario),
/// and a child process of this program (<see cref="ChromiumClients"/>) driving Debian's Chromium through Playwright,
/// one browser context per circuit, signed in as the demo household. For each customer page: one warm-up circuit, then
/// N circuits, then N more, each waiting for the layout's interactive marker; after each wave a full blocking GC in
/// this process gives the heap, so Δheap/N is the server memory per circuit (the second wave without first-use caches).
/// Then every open circuit toggles the navigation drawer (a server round trip that changes the DOM) and the browser
/// times event → DOM change. Last, the usage page's time to interactive on an emulated slow phone (CDP: 150 ms RTT,
/// 1.6/0.75 Mbps, 4× CPU slowdown), cold and with a warm cache.
/// </summary>
public sealed class ChromiumCircuits(ChromiumOptions o)
{
    public const string Verb = "chromium-circuits";
    public const string Usage = "chromium-circuits [--count N] [--pages home,usage,bills,bill,tariffs,credit] [--tti-loads L] [--accounts A] [--months M]\n" +
                                "                  [--browsers B] [--parallel P] [--data DIR] [--out DIR]\n" +
                                "                                  open N then N more circuits per customer page with Debian's Chromium: server GC heap per\n" +
                                "                                  circuit, the UI round trip and the usage page's time to interactive on a slow phone\n" +
                                "                                  (L cold + L warm loads, default 20; 0 skips it);\n" +
                                "                                  report to artifacts/bench/chromium-N.md and .json";

    private readonly BenchReport _report = new($"Circuits measured with Chromium: {o.Count:N0} + {o.Count:N0} per page");

    public string Stem => $"chromium-{o.Count}";

    public static async Task<int> CliAsync(string[] args)
    {
        ChromiumOptions options;
        try
        {
            var count = PortalCli.IntOption(args, "--count", 40)!.Value;
            var accounts = PortalCli.IntOption(args, "--accounts", 100)!.Value;
            var months = PortalCli.IntOption(args, "--months", 12)!.Value;
            var pages = (PortalCli.StringOption(args, "--pages") ?? string.Join(",", ChromiumOptions.AllPages))
                .Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            if (count is < 1 or > 2_000 || accounts is < 8 or > 200_000 || months is < 1 or > 36)
                throw new ArgumentException("--count must be 1–2000, --accounts 8–200000 and --months 1–36.");
            if (pages.FirstOrDefault(p => !ChromiumOptions.AllPages.Contains(p)) is { } unknown)
                throw new ArgumentException($"Unknown page '{unknown}'; pages: {string.Join(",", ChromiumOptions.AllPages)}.");
            options = new ChromiumOptions(count, accounts, months,
                Path.GetFullPath(PortalCli.StringOption(args, "--data") ?? Path.Combine("artifacts", "bench", $"circuits-{accounts}x{months}")),
                Path.GetFullPath(PortalCli.StringOption(args, "--out") ?? Path.Combine("artifacts", "bench")),
                pages, PortalCli.IntOption(args, "--tti-loads", 20)!.Value, PortalCli.IntOption(args, "--browsers", 2)!.Value,
                PortalCli.IntOption(args, "--parallel", 4)!.Value);
            if (options.TtiLoads < 0 || options.Browsers < 1 || options.Parallel < 1)
                throw new ArgumentException("--tti-loads must be at least 0, --browsers and --parallel at least 1.");
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine(e.Message);
            return 2;
        }
        Directory.CreateDirectory(options.DataFolder);
        return await new ChromiumCircuits(options).RunAsync(CancellationToken.None);
    }

    public async Task<int> RunAsync(CancellationToken ct)
    {
        var loadAtStart = BenchReport.LoadAverage();
        await using var app = ScaleScenario.BuildApp(o.DataFolder, new Dictionary<string, string?>
        {
            ["Security:MaxCircuitsPerUser"] = (2 * o.Count + 20).ToString(CultureInfo.InvariantCulture),
            ["Jobs:RunServer"] = "false",
            ["Logging:LogLevel:Microsoft.AspNetCore.SignalR"] = "Error",
            ["Logging:LogLevel:Microsoft.AspNetCore.Components"] = "Error",
        }, browser: true);
        await app.PrepareDatabaseAsync();
        app.UsePortal();
        await ScaleScenario.SeedAsync(app, o.Accounts, o.Months, o.DataFolder, _report.Note, ct);
        await app.StartAsync(ct);
        try
        {
            var paths = await PathsAsync(app, ct);
            var url = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<Portal.Infrastructure.Security.EndpointOptions>>().Value.Public;
            await DriveAsync(url, paths, ct);
        }
        finally
        {
            await app.StopAsync(CancellationToken.None);
        }
        _report.Note($"Load average at the start {loadAtStart}, at the end {BenchReport.LoadAverage()} (1, 5, 15 min).");
        var (md, json) = await _report.WriteAsync(o.OutFolder, Stem);
        Console.WriteLine($"Written: {md}, {json}");
        return 0;
    }

    /// <summary>The demo household's pages: its first account's usage, tariffs and credit, its bills and its latest bill.</summary>
    private static async Task<Dictionary<string, string>> PathsAsync(WebApplication app, CancellationToken ct)
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync(ct);
        var userId = await db.Users.Where(u => u.Email == ChromiumClients.Customer).Select(u => u.Id).FirstAsync(ct);
        var account = await db.AccountBindings.Where(b => b.UserId == userId).OrderBy(b => b.AccountId).Select(b => b.AccountId).FirstAsync(ct);
        var bill = await db.Bills.Where(b => b.AccountId == account).OrderByDescending(b => b.PeriodStart).Select(b => b.Id).FirstAsync(ct);
        return new()
        {
            ["home"] = "/",
            ["usage"] = $"/usage/{account}",
            ["bills"] = "/bills",
            ["bill"] = $"/bills/{bill}",
            ["tariffs"] = $"/tariffs/{account}",
            ["credit"] = $"/credit/{account}",
        };
    }

    private async Task DriveAsync(string url, Dictionary<string, string> paths, CancellationToken ct)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        foreach (var a in new[] { typeof(LoadTestsCli).Assembly.Location, ChromiumClients.Verb, "--url", url,
                     "--browsers", o.Browsers.ToString(CultureInfo.InvariantCulture), "--parallel", o.Parallel.ToString(CultureInfo.InvariantCulture) })
            start.ArgumentList.Add(a);
        using var child = Process.Start(start) ?? throw new InvalidOperationException("Could not start the Chromium clients.");
        var stderr = new List<string>();
        child.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            if (e.Data.StartsWith("tti request:", StringComparison.Ordinal)) Console.WriteLine(e.Data);   // the cold load's waterfall
            lock (stderr) stderr.Add(e.Data);
        };
        child.BeginErrorReadLine();
        async Task<ChromiumReply> Ask(string command)
        {
            await child.StandardInput.WriteLineAsync(command);
            await child.StandardInput.FlushAsync(ct);
            while (await child.StandardOutput.ReadLineAsync(ct) is { } line)
            {
                if (!line.StartsWith(ChromiumClients.Prefix, StringComparison.Ordinal)) continue;
                var reply = JsonSerializer.Deserialize<ChromiumReply>(line[ChromiumClients.Prefix.Length..])!;
                if (reply.Error is { } error) throw new InvalidOperationException($"The Chromium clients failed on '{command}': {error}");
                return reply;
            }
            string tail;
            lock (stderr) tail = string.Join("\n", stderr.TakeLast(20));
            throw new InvalidOperationException($"The Chromium clients ended on '{command}' (exit {(child.HasExited ? child.ExitCode : -1)}):\n{tail}");
        }
        try
        {
            await Ask("signin");
            foreach (var name in o.Pages)
            {
                var path = paths[name];
                var warm = await Ask($"open {path} 1");
                var h0 = Heap();
                var first = await Ask($"open {path} {o.Count}");
                var h1 = Heap();
                var second = await Ask($"open {path} {o.Count}");
                var h2 = Heap();
                var trips = await Ask("trips");
                await Ask("close");
                await Task.Delay(500, ct);   // the server disposes each circuit as its page goes (DisconnectedCircuitMaxRetained = 0)
                var firstKb = (h1 - h0) / 1024.0 / o.Count;
                var secondKb = (h2 - h1) / 1024.0 / o.Count;
                _report.Add(new BenchFigure($"server GC heap per circuit, {name}, second {o.Count}", "KB", secondKb, secondKb, o.Count,
                    Target: "≥ 1,000 circuits per GB (≤ 1,049 KB each)", Notes: string.Create(CultureInfo.InvariantCulture,
                        $"{h0 / 1048576.0:F1} MB with 1 circuit → {h1 / 1048576.0:F1} MB with {o.Count + 1} → {h2 / 1048576.0:F1} MB with {2 * o.Count + 1}; " +
                        $"first {o.Count}: {firstKb:N0} KB each (with first-use caches); second {o.Count}: {1048576 / Math.Max(1, secondKb):N0} circuits per GB; " +
                        $"{first.Failed + second.Failed} failed to become interactive")));
                var opened = first.Ms.Concat(second.Ms).ToList();
                _report.Add(new BenchFigure($"circuit start, {name} ({2 * o.Count} contexts, {o.Parallel} at a time)", "ms", BenchReport.Percentile(opened, 0.5),
                    BenchReport.Percentile(opened, 0.95), opened.Count, Notes: string.Create(CultureInfo.InvariantCulture,
                        $"navigation → layout marks data-interactive=true; warm-up circuit {warm.Ms.FirstOrDefault():F0} ms")));
                _report.Add(new BenchFigure($"UI round trip, {name}, {2 * o.Count + 1} circuits open (drawer toggle → DOM change)", "ms",
                    BenchReport.Percentile(trips.Ms, 0.5), BenchReport.Percentile(trips.Ms, 0.95), trips.Ms.Count,
                    Target: "p95 ≤ 100 ms", Notes: string.Create(CultureInfo.InvariantCulture,
                        $"timed in the page (performance.now, click → MutationObserver), one circuit after the other, twice each; " +
                        $"max {(trips.Ms.Count > 0 ? trips.Ms.Max() : double.NaN):F0} ms; {trips.Failed} without a DOM change in 10 s")));
            }
            if (o.TtiLoads > 0)
            {
                var tti = await Ask($"tti {paths["usage"]} {o.TtiLoads}");
                _report.Add(new BenchFigure("usage page time to interactive, slow phone, cold cache", "ms", BenchReport.Percentile(tti.Ms, 0.5),
                    BenchReport.Percentile(tti.Ms, 0.95), tti.Ms.Count, Target: "p95 ≤ 2,500 ms", Notes: string.Create(CultureInfo.InvariantCulture,
                        $"CDP Network.emulateNetworkConditions 150 ms, 1.6/0.75 Mbps + Emulation.setCPUThrottlingRate 4; navigation start → " +
                        $"data-interactive=true; p90 {BenchReport.Percentile(tti.Ms, 0.9):F0} ms (with ten loads p95 is nearly the slowest one; p90 is steadier); " +
                        $"first contentful paint (the prerendered page, readable) p50 {BenchReport.Percentile(tti.Fcp, 0.5):F0} ms, " +
                        $"p95 {BenchReport.Percentile(tti.Fcp, 0.95):F0} ms; {tti.Failed} failed; the first cold load moved {Moved(tti.Bytes)}")));
                _report.Add(new BenchFigure("usage page time to interactive, slow phone, warm cache (second visit)", "ms", BenchReport.Percentile(tti.Warm, 0.5),
                    BenchReport.Percentile(tti.Warm, 0.95), tti.Warm.Count, Target: "p95 ≤ 2,500 ms", Notes: string.Create(CultureInfo.InvariantCulture,
                        $"the same throttling; the page opened again in the same browser context; p90 {BenchReport.Percentile(tti.Warm, 0.9):F0} ms; first contentful paint p50 {BenchReport.Percentile(tti.WarmFcp, 0.5):F0} ms")));
            }
            _report.Note(string.Create(CultureInfo.InvariantCulture,
                $"Clients: a child process ({ChromiumClients.Verb}) driving {o.Browsers} headless Debian Chromium browser(s) through Playwright, one browser context per " +
                $"circuit, signed in once as {ChromiumClients.Customer} (storage state reused), viewport 1366×900, en-US. Heap: GC.Collect(2, forced, blocking, " +
                $"compacting) + GC.GetTotalMemory(true) in the server process; its circuits leave nothing behind when their page goes (DisconnectedCircuitMaxRetained = 0)."));
            await Ask("quit");
            await child.WaitForExitAsync(ct).WaitAsync(TimeSpan.FromMinutes(1), ct);
        }
        finally
        {
            if (!child.HasExited) child.Kill(entireProcessTree: true);
        }
    }

    private static string Moved(Dictionary<string, long>? bytes) => bytes is null ? "—" :
        string.Join(", ", bytes.OrderByDescending(b => b.Value).Select(b => string.Create(CultureInfo.InvariantCulture, $"{b.Key} {b.Value / 1024.0:N0} KB")));

    private static long Heap()
    {
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        return GC.GetTotalMemory(forceFullCollection: true);
    }
}

/// <summary>One answer of the Chromium clients: times in ms (circuit starts, round trips or times to interactive).</summary>
public sealed record ChromiumReply(List<double> Ms, int Failed, List<double> Fcp, List<double> Warm, List<double> WarmFcp, string? Error = null,
    Dictionary<string, long>? Bytes = null)
{
    public static ChromiumReply Of(List<double> ms, int failed) => new(ms, failed, [], [], []);
}

/// <summary>
/// The hidden verb <c>chromium-clients</c>: Chromium driven by Playwright in a process of its own so the clients'
/// allocations stay out of the server's heap. Commands on stdin, one JSON answer per command on stdout:
/// <c>signin</c>, <c>open PATH N</c>, <c>trips</c>, <c>close</c>, <c>tti PATH LOADS</c>, <c>quit</c>.
/// </summary>
public static class ChromiumClients
{
    public const string Verb = "chromium-clients";
    public const string Prefix = "@@chromium ";
    public const string Customer = "household@demo.local";

    /// <summary>The layout marks itself interactive once the circuit renders (MainLayout's data-interactive).</summary>
    public const string Interactive = "[data-interactive='true']";

    /// <summary>Records when the page became interactive (performance.now, navigation start = 0) in window.__pmInteractiveAt.</summary>
    private const string InteractiveProbe = """
        (() => {
          const check = () => {
            if (window.__pmInteractiveAt === undefined && document.querySelector("[data-interactive='true']")) {
              window.__pmInteractiveAt = performance.now();
              observer.disconnect();
            }
          };
          const observer = new MutationObserver(check);
          observer.observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ["data-interactive"] });
        })();
        """;

    /// <summary>
    /// Records the circuit's WebSocket in window.__pmSocket (opened, each message's arrival time and size), for the cold
    /// load's timeline: what happens between the first paint and interactivity.
    /// </summary>
    private const string SocketProbe = """
        (() => {
          const Native = window.WebSocket;
          window.__pmSocket = { created: [], opened: [], messages: [] };
          window.WebSocket = function (url, protocols) {
            const ws = protocols === undefined ? new Native(url) : new Native(url, protocols);
            window.__pmSocket.created.push(performance.now());
            ws.addEventListener("open", () => window.__pmSocket.opened.push(performance.now()));
            ws.addEventListener("message", e => window.__pmSocket.messages.push([performance.now(), e.data.byteLength ?? e.data.length]));
            return ws;
          };
          window.WebSocket.prototype = Native.prototype;
          Object.assign(window.WebSocket, { CONNECTING: 0, OPEN: 1, CLOSING: 2, CLOSED: 3 });
        })();
        """;

    /// <summary>The cold load's timeline (ms from navigation start): resources' start and end, paints, scripts, socket, interactive.</summary>
    private const string Timeline = """
        () => {
          const r = x => Math.round(x);
          const lines = [];
          const nav = performance.getEntriesByType("navigation")[0];
          lines.push(`document: response ${r(nav.responseStart)}–${r(nav.responseEnd)}, domInteractive ${r(nav.domInteractive)}, DOMContentLoaded ${r(nav.domContentLoadedEventEnd)}`);
          for (const e of performance.getEntriesByType("resource"))
            lines.push(`${e.initiatorType} ${r(e.startTime)}–${r(e.responseEnd)} ${e.transferSize} B ${new URL(e.name).pathname}`);
          for (const e of performance.getEntriesByType("paint")) lines.push(`${e.name} ${r(e.startTime)}`);
          const s = window.__pmSocket;
          if (s) {
            lines.push(`websocket created ${s.created.map(r).join(",")} opened ${s.opened.map(r).join(",")}`);
            for (const [t, n] of s.messages.slice(0, 12)) lines.push(`websocket message ${r(t)} ${n} B`);
          }
          lines.push(`interactive ${r(window.__pmInteractiveAt ?? -1)}`);
          return lines;
        }
        """;

    /// <summary>Click the drawer toggle and time it until the drawer's class changes (the server's render batch applied).</summary>
    private const string RoundTrip = """
        async () => {
          const drawer = document.querySelector('.mud-drawer');
          const button = document.querySelector('.mud-appbar button');
          if (!drawer || !button) return -1;
          const before = drawer.className;
          const t0 = performance.now();
          const done = new Promise(resolve => {
            const mo = new MutationObserver(() => { if (drawer.className !== before) { mo.disconnect(); resolve(performance.now() - t0); } });
            mo.observe(drawer, { attributes: true });
            setTimeout(() => { mo.disconnect(); resolve(-1); }, 10000);
          });
          button.click();
          return await done;
        }
        """;

    public static async Task<int> RunAsync(string[] args)
    {
        var url = PortalCli.StringOption(args, "--url") ?? throw new ArgumentException("--url is required.");
        var browsers = PortalCli.IntOption(args, "--browsers", 2)!.Value;
        var parallel = PortalCli.IntOption(args, "--parallel", 4)!.Value;
        using var playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        var launched = new List<Microsoft.Playwright.IBrowser>();
        for (var i = 0; i < browsers; i++) launched.Add(await LaunchAsync(playwright));
        var open = new List<Microsoft.Playwright.IPage>();
        string? state = null;
        var next = 0;
        try
        {
            while (Console.ReadLine() is { } line)
            {
                var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                ChromiumReply reply;
                try
                {
                    switch (parts[0])
                    {
                        case "signin":
                            state = await SignInAsync(launched[0], url);
                            reply = ChromiumReply.Of([], 0);
                            break;
                        case "open":
                            reply = await OpenAsync(parts[1], int.Parse(parts[2], CultureInfo.InvariantCulture));
                            break;
                        case "trips":
                            reply = await TripsAsync(open);
                            break;
                        case "close":
                            await CloseAllAsync(open);
                            reply = ChromiumReply.Of([], 0);
                            break;
                        case "tti":
                            reply = await TimeToInteractiveAsync(launched[0], url + parts[1], state!, int.Parse(parts[2], CultureInfo.InvariantCulture));
                            break;
                        case "quit":
                            Answer(ChromiumReply.Of([], 0));
                            return 0;
                        default:
                            throw new ArgumentException($"Unknown command '{parts[0]}'.");
                    }
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    reply = new ChromiumReply([], 0, [], [], [], e.GetType().Name + ": " + e.Message);
                }
                Answer(reply);
            }
            return 0;
        }
        finally
        {
            foreach (var b in launched) await b.CloseAsync();
        }

        async Task<ChromiumReply> OpenAsync(string path, int count)
        {
            var times = new System.Collections.Concurrent.ConcurrentBag<double>();
            var failed = 0;
            using var gate = new SemaphoreSlim(parallel);
            await Task.WhenAll(Enumerable.Range(0, count).Select(async _ =>
            {
                await gate.WaitAsync();
                try
                {
                    var browser = launched[Interlocked.Increment(ref next) % launched.Count];
                    var context = await browser.NewContextAsync(new() { StorageState = state, Locale = "en-US", ViewportSize = new() { Width = 1366, Height = 900 } });
                    var page = await context.NewPageAsync();
                    lock (open) open.Add(page);
                    var sw = Stopwatch.StartNew();
                    await page.GotoAsync(url + path);
                    await page.Locator(Interactive).WaitForAsync(new() { Timeout = 60_000 });
                    times.Add(sw.Elapsed.TotalMilliseconds);
                }
                catch (Exception e) when (e is Microsoft.Playwright.PlaywrightException or TimeoutException)
                {
                    Interlocked.Increment(ref failed);
                    Console.Error.WriteLine($"open {path}: {e.Message}");
                }
                finally
                {
                    gate.Release();
                }
            }));
            return ChromiumReply.Of(times.ToList(), failed);
        }
    }

    private static void Answer(ChromiumReply reply)
    {
        Console.WriteLine(Prefix + JsonSerializer.Serialize(reply));
        Console.Out.Flush();
    }

    public static Task<Microsoft.Playwright.IBrowser> LaunchAsync(Microsoft.Playwright.IPlaywright playwright) =>
        playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"],
        });

    /// <summary>Signs in through the static-SSR form once; the storage state (the cookie) is reused by every context.</summary>
    private static async Task<string> SignInAsync(Microsoft.Playwright.IBrowser browser, string url)
    {
        await using var context = await browser.NewContextAsync(new() { Locale = "en-US" });
        var page = await context.NewPageAsync();
        await page.GotoAsync(url + "/Account/Login");
        await page.Locator("input[name='Input.Email']").FillAsync(Customer);
        await page.Locator("input[name='Input.Password']").FillAsync(DemoSeeder.DemoPassword);
        await page.Locator("form button[type='submit']").First.ClickAsync();
        await page.WaitForURLAsync(u => !u.Contains("/Account/Login"), new() { Timeout = 60_000 });
        return await context.StorageStateAsync();
    }

    private static async Task<ChromiumReply> TripsAsync(List<Microsoft.Playwright.IPage> pages)
    {
        var times = new List<double>();
        var failed = 0;
        foreach (var page in pages)
            for (var i = 0; i < 2; i++)
            {
                var ms = await page.EvaluateAsync<double>(RoundTrip);
                if (ms < 0) failed++;
                else times.Add(ms);
            }
        return ChromiumReply.Of(times, failed);
    }

    /// <summary>Leaves every page (Blazor tells the server its circuit is gone) and closes the contexts.</summary>
    private static async Task CloseAllAsync(List<Microsoft.Playwright.IPage> pages)
    {
        foreach (var page in pages)
        {
            try { await page.GotoAsync("about:blank"); }
            catch (Microsoft.Playwright.PlaywrightException) { }
            await page.Context.CloseAsync();
        }
        pages.Clear();
    }

    /// <summary>
    /// Opens the page <paramref name="loads"/> times on an emulated slow phone, each time in a fresh context (cold cache)
    /// and then once more in the same context (warm cache); time to interactive and first contentful paint from navigation start.
    /// </summary>
    public static async Task<ChromiumReply> TimeToInteractiveAsync(Microsoft.Playwright.IBrowser browser, string pageUrl, string state, int loads)
    {
        List<double> cold = [], coldFcp = [], warm = [], warmFcp = [];
        var failed = 0;
        // What the first cold load moved over the wire until interactive, by resource type (encoded body bytes) and WebSocket frames.
        var bytes = new System.Collections.Concurrent.ConcurrentDictionary<string, long>();
        for (var i = 0; i < loads; i++)
        {
            await using var context = await browser.NewContextAsync(new() { StorageState = state, Locale = "en-US", ViewportSize = new() { Width = 390, Height = 844 }, IsMobile = true, HasTouch = true });
            await context.AddInitScriptAsync(InteractiveProbe);
            var counting = i == 0;
            if (counting) await context.AddInitScriptAsync(SocketProbe);
            var page = await context.NewPageAsync();
            await ThrottleAsync(page);
            var pending = new List<Task>();
            if (counting)
            {
                page.RequestFinished += (_, request) => { lock (pending) pending.Add(CountAsync(request)); };
                page.WebSocket += (_, ws) => ws.FrameReceived += (_, f) =>
                {
                    if (counting) bytes.AddOrUpdate("websocket frames received", f.Binary?.Length ?? System.Text.Encoding.UTF8.GetByteCount(f.Text ?? ""), (_, v) => v + (f.Binary?.Length ?? System.Text.Encoding.UTF8.GetByteCount(f.Text ?? "")));
                };
            }
            async Task CountAsync(Microsoft.Playwright.IRequest request)
            {
                if (!counting) return;
                var sizes = await request.SizesAsync();
                bytes.AddOrUpdate(request.ResourceType, sizes.ResponseBodySize, (_, v) => v + sizes.ResponseBodySize);
                // One line per request of the first cold load (the waterfall: what, how big on the wire, how encoded, when).
                var response = await request.ResponseAsync();
                var headers = response is null ? null : await response.AllHeadersAsync();
                var t = request.Timing;
                if (request.ResourceType == "document" && response is not null)
                {
                    var saved = Path.Combine(Path.GetTempPath(), "pm-tti-document.html");   // what makes the document its size
                    await File.WriteAllBytesAsync(saved, await response.BodyAsync());
                    Console.Error.WriteLine($"tti request: the document is saved in {saved}");
                }
                Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"tti request: {request.ResourceType,-10} {sizes.ResponseBodySize,9:N0} B {headers?.GetValueOrDefault("content-encoding") ?? "-",-5} " +
                    $"{headers?.GetValueOrDefault("cache-control") ?? "-",-28} request to response end {t.ResponseEnd,7:F0} ms  {new Uri(request.Url).PathAndQuery}"));
            }
            try
            {
                foreach (var (tti, fcp) in new[] { (cold, coldFcp), (warm, warmFcp) })
                {
                    await page.GotoAsync(pageUrl, new() { WaitUntil = Microsoft.Playwright.WaitUntilState.Commit, Timeout = 60_000 });
                    await page.Locator(Interactive).WaitForAsync(new() { Timeout = 60_000 });
                    var at = await page.EvaluateAsync<double?>("() => window.__pmInteractiveAt ?? null");
                    var paint = await page.EvaluateAsync<double?>("() => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null");
                    if (at is { } ms) tti.Add(ms);
                    else failed++;
                    if (paint is { } p) fcp.Add(p);
                    if (counting)
                    {
                        foreach (var line in await page.EvaluateAsync<string[]>(Timeline)) Console.Error.WriteLine($"tti request: timeline: {line}");
                        counting = false;
                        Task[] waiting;
                        lock (pending) waiting = [.. pending];
                        await Task.WhenAll(waiting);
                    }
                }
            }
            catch (Exception e) when (e is Microsoft.Playwright.PlaywrightException or TimeoutException)
            {
                failed++;
                Console.Error.WriteLine($"tti: {e.Message}");
            }
            try { await page.GotoAsync("about:blank"); }
            catch (Microsoft.Playwright.PlaywrightException) { }
        }
        return new ChromiumReply(cold, failed, coldFcp, warm, warmFcp, Bytes: new(bytes));
    }

    /// <summary>The slow phone of issue 20 through the Chromium DevTools Protocol: 150 ms RTT, 1.6 Mbps down, 0.75 up, 4× CPU slowdown.</summary>
    public static async Task ThrottleAsync(Microsoft.Playwright.IPage page)
    {
        var cdp = await page.Context.NewCDPSessionAsync(page);
        await cdp.SendAsync("Network.enable");
        await cdp.SendAsync("Network.emulateNetworkConditions", new Dictionary<string, object>
        {
            ["offline"] = false,
            ["latency"] = 150,
            ["downloadThroughput"] = 1_600_000 / 8,
            ["uploadThroughput"] = 750_000 / 8,
        });
        await cdp.SendAsync("Emulation.setCPUThrottlingRate", new Dictionary<string, object> { ["rate"] = 4 });
    }
}
