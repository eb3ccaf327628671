using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Portal.Tests.Integration.MultiInstance;

/// <summary>
/// One real portal process: the built Portal.dll started with `dotnet`, as an operator runs it (like
/// Portal.E2E's PortalServer), on two free loopback ports. <see cref="KillHard"/> is kill -9.
/// </summary>
public sealed class PortalProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _log = new();

    private PortalProcess(string name, Process process, int publicPort, int internalPort)
    {
        Name = name;
        _process = process;
        PublicUri = new Uri($"http://127.0.0.1:{publicPort}");
        InternalUri = new Uri($"http://127.0.0.1:{internalPort}");
        _process.OutputDataReceived += (_, e) => { lock (_log) _log.AppendLine(e.Data); };
        _process.ErrorDataReceived += (_, e) => { lock (_log) _log.AppendLine(e.Data); };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public string Name { get; }
    public Uri PublicUri { get; }
    public Uri InternalUri { get; }
    public int ProcessId => _process.Id;
    public bool HasExited => _process.HasExited;
    public string Log { get { lock (_log) return _log.ToString(); } }

    public static string PortalDll
    {
        get
        {
            var config = typeof(PortalProcess).Assembly.Location.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}") ? "Release" : "Debug";
            var dll = Path.Combine(RepoRoot.Path, "Portal", "bin", config, "net10.0", "Portal.dll");
            return File.Exists(dll) ? dll : throw new InvalidOperationException($"Build the Portal first: {dll} is missing.");
        }
    }

    /// <summary>Starts the portal and waits until /health answers on its public port.</summary>
    public static async Task<PortalProcess> StartAsync(string name, IReadOnlyDictionary<string, string> settings, TimeSpan timeout)
    {
        int publicPort = FreePort(), internalPort = FreePort();
        var env = new Dictionary<string, string>(settings)
        {
            ["Endpoints__Public"] = $"http://127.0.0.1:{publicPort}",
            ["Endpoints__Internal"] = $"http://127.0.0.1:{internalPort}",
        };
        var portal = new PortalProcess(name, Start(env, []), publicPort, internalPort);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (portal.HasExited) throw new InvalidOperationException($"Portal {name} exited during start-up:\n{portal.Log}");
            try
            {
                if ((await http.GetAsync(new Uri(portal.PublicUri, "/health"))).StatusCode == HttpStatusCode.OK) return portal;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            if (DateTime.UtcNow > deadline)
            {
                await portal.DisposeAsync();
                throw new TimeoutException($"Portal {name} did not answer /health within {timeout.TotalSeconds:F0}s:\n{portal.Log}");
            }
            await Task.Delay(200);
        }
    }

    /// <summary>Runs an operator verb (migrate, seed, import-readings ...) to completion and returns its exit code and output.</summary>
    public static async Task<(int ExitCode, string Output)> RunVerbAsync(IReadOnlyDictionary<string, string> settings, params string[] args)
    {
        using var p = Start(settings, args);
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        try { await p.WaitForExitAsync(cts.Token); }
        catch (OperationCanceledException) { p.Kill(entireProcessTree: true); throw new TimeoutException($"`{string.Join(' ', args)}` took over 3 minutes."); }
        return (p.ExitCode, await stdout + await stderr);
    }

    private static Process Start(IReadOnlyDictionary<string, string> env, string[] args)
    {
        var dll = PortalDll;
        var psi = new ProcessStartInfo("dotnet", [dll, .. args])
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        psi.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";   // serves _content/* from the build output
        foreach (var (k, v) in env) psi.Environment[k] = v;
        return Process.Start(psi) ?? throw new InvalidOperationException("Could not start dotnet.");
    }

    /// <summary>kill -9: no shutdown, no cleanup, open transactions and fetched jobs left behind.</summary>
    public async Task KillHardAsync()
    {
        if (_process.HasExited) return;
        _process.Kill(entireProcessTree: false);   // SIGKILL on Unix
        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }

    private static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }
}
