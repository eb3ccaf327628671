using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Portal.Features.Demo;
using Portal.Infrastructure.Cli;

namespace Portal.LoadTests;

/// <summary>One circuit to open: who signs in and which usage page they open.</summary>
public sealed record CircuitTarget(string Email, string Path);

public sealed record CircuitClientsOptions(Uri Url, IReadOnlyList<CircuitTarget> Targets, int Count, int Wave, int Interactions,
    int ThinkMinMs, int ThinkMaxMs, int Seed);

/// <summary>What the clients report on stdout (a line starting with <see cref="CircuitClients.Prefix"/>).</summary>
public sealed record CircuitClientsResult(string Phase, int Opened, int Failed, List<double> StartMs, List<double> RoundTripsMs,
    int InteractionErrors, int TablesShown, long Batches, long BatchBytes, List<string> Errors, double Seconds);

/// <summary>
/// The hidden verb <c>circuit-clients</c>: the load generator of <c>circuits</c>, in a process of its own so
/// its allocations stay out of the server's GC figures. Talks to the server over stdin/stdout: opens one warm-up
/// circuit and says WARM; on OPEN opens the circuits in waves and says READY; on GO every circuit flips the chart/table
/// switch K times at a jittered think time and the clients say DONE with every round trip.
/// </summary>
public static partial class CircuitClients
{
    public const string Prefix = "@@circuits ";

    public static async Task<int> RunAsync(string[] args)
    {
        var url = new Uri(Option(args, "--url") ?? throw new ArgumentException("--url is required."));
        var targets = JsonSerializer.Deserialize<List<CircuitTarget>>(await File.ReadAllTextAsync(
            Option(args, "--targets") ?? throw new ArgumentException("--targets is required.")))!;
        var o = new CircuitClientsOptions(url, targets,
            PortalCli.IntOption(args, "--count", 10)!.Value, PortalCli.IntOption(args, "--wave", 50)!.Value,
            PortalCli.IntOption(args, "--interactions", 10)!.Value, PortalCli.IntOption(args, "--think-min", 1000)!.Value,
            PortalCli.IntOption(args, "--think-max", 3000)!.Value, PortalCli.IntOption(args, "--seed", 9)!.Value);
        await RunAsync(o, Console.In, Console.Out, CancellationToken.None);
        return 0;
    }

    private static string? Option(string[] args, string name) => PortalCli.StringOption(args, name);

    public static async Task RunAsync(CircuitClientsOptions o, TextReader input, TextWriter output, CancellationToken ct)
    {
        var sessions = new Dictionary<string, (HttpClient Http, CookieContainer Cookies)>();
        var clients = new List<CircuitClient>();
        try
        {
            foreach (var email in o.Targets.Select(t => t.Email).Distinct())
                sessions[email] = await SignInAsync(o.Url, email, ct);

            var total = Stopwatch.StartNew();
            var warm = Open(o, sessions, o.Targets[0]);
            var warmStart = await StartAsync(warm, ct);
            clients.Add(warm);
            await warm.SettleAsync(TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(20), ct);
            Report(output, new CircuitClientsResult("WARM", 1, 0, [warmStart], [], 0, 0, warm.Batches, warm.BatchBytes, warm.Errors, total.Elapsed.TotalSeconds));
            await Expect(input, "OPEN");

            total.Restart();
            var starts = new ConcurrentBag<double>();
            var opened = new ConcurrentBag<CircuitClient>();
            var errors = new ConcurrentBag<string>();
            for (var first = 0; first < o.Count; first += o.Wave)
            {
                var wave = Enumerable.Range(first, Math.Min(o.Wave, o.Count - first)).Select(async i =>
                {
                    var client = Open(o, sessions, o.Targets[i % o.Targets.Count]);
                    try
                    {
                        starts.Add(await StartAsync(client, ct));
                        opened.Add(client);
                    }
                    catch (Exception e) when (e is InvalidOperationException or HttpRequestException or TimeoutException or IOException
                                                  or System.Net.WebSockets.WebSocketException)
                    {
                        errors.Add($"circuit {i}: {e.GetType().Name}: {e.Message}");
                        await client.DisposeAsync();
                    }
                });
                await Task.WhenAll(wave);
            }
            clients.AddRange(opened);
            await Task.WhenAll(opened.Select(c => c.SettleAsync(TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(30), ct)));
            Report(output, new CircuitClientsResult("READY", opened.Count, o.Count - opened.Count, starts.ToList(), [], 0, 0,
                opened.Sum(c => (long)c.Batches), opened.Sum(c => c.BatchBytes), errors.Concat(opened.SelectMany(c => c.Errors)).Take(20).ToList(),
                total.Elapsed.TotalSeconds));
            await Expect(input, "GO");

            total.Restart();
            var trips = new ConcurrentBag<double>();
            var failed = 0;
            await Task.WhenAll(opened.Select((client, n) => Task.Run(async () =>
            {
                var random = new Random(o.Seed * 7919 + n);
                for (var k = 0; k < o.Interactions; k++)
                {
                    await Task.Delay(random.Next(o.ThinkMinMs, o.ThinkMaxMs + 1), ct);
                    try { trips.Add(await client.ToggleAsync(ct)); }
                    catch (TimeoutException) { Interlocked.Increment(ref failed); }
                }
            }, ct)));
            Report(output, new CircuitClientsResult("DONE", opened.Count, o.Count - opened.Count, [], trips.ToList(), failed, opened.Sum(c => c.TablesShown),
                opened.Sum(c => (long)c.Batches), opened.Sum(c => c.BatchBytes), opened.SelectMany(c => c.Errors).Take(20).ToList(),
                total.Elapsed.TotalSeconds));
        }
        finally
        {
            await Task.WhenAll(clients.Select(c => c.DisposeAsync().AsTask()));
            foreach (var s in sessions.Values) s.Http.Dispose();
        }
    }

    private static CircuitClient Open(CircuitClientsOptions o, Dictionary<string, (HttpClient Http, CookieContainer Cookies)> sessions, CircuitTarget t) =>
        new(o.Url, t.Path, sessions[t.Email].Http, sessions[t.Email].Cookies);

    private static async Task<double> StartAsync(CircuitClient client, CancellationToken ct)
    {
        var sw = Stopwatch.StartNew();
        await client.StartAsync(ct);
        return sw.Elapsed.TotalMilliseconds;
    }

    private static void Report(TextWriter output, CircuitClientsResult result)
    {
        lock (output)
        {
            output.WriteLine(Prefix + JsonSerializer.Serialize(result));
            output.Flush();
        }
    }

    private static async Task Expect(TextReader input, string word)
    {
        var line = await input.ReadLineAsync();
        if (line?.Trim() != word) throw new InvalidOperationException($"Expected {word} from the server, got '{line}'.");
    }

    /// <summary>Signs in through the real login form (antiforgery token, cookie), as the scale scenario does.</summary>
    private static async Task<(HttpClient, CookieContainer)> SignInAsync(Uri url, string email, CancellationToken ct)
    {
        var cookies = new CookieContainer();
        var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = cookies, MaxConnectionsPerServer = 64 })
        { BaseAddress = url, Timeout = TimeSpan.FromMinutes(2) };
        var login = await http.GetStringAsync("/Account/Login", ct);
        var token = AntiforgeryToken().Match(login);
        using var signIn = await http.PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Password"] = DemoSeeder.DemoPassword,
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value),
            ["_handler"] = "login",
        }), ct);
        if (signIn.StatusCode != HttpStatusCode.Redirect) throw new InvalidOperationException($"Sign-in of {email} answered {signIn.StatusCode}.");
        return (http, cookies);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
