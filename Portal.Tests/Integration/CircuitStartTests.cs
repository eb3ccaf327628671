using System.Net;
using System.Net.WebSockets;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Portal.Tests.Integration;

/// <summary>
/// Issue 20: on a slow phone every round trip before the circuit costs ≈ 150 ms, so the page starts Blazor itself
/// (js/blazor-start.js) without fetching <c>_blazor/initializers</c> and without <c>_blazor/negotiate</c>: the circuit's
/// WebSocket is opened directly. These tests hold the assumptions that makes safe.
/// </summary>
[Collection(PortalCollection.Name)]
public partial class CircuitStartTests(PortalHost host) : IClassFixture<PortalHost>
{
    [Fact]
    public async Task The_page_loads_blazor_without_autostart_and_then_the_start_script_that_skips_both_round_trips()
    {
        using var http = new HttpClient { BaseAddress = host.PublicUri };
        var html = await http.GetStringAsync("/Account/Login");

        var scripts = ScriptTag().Matches(html).Select(m => m.Value).ToList();
        var blazor = scripts.FindIndex(s => s.Contains("/blazor.web.", StringComparison.Ordinal));
        var start = scripts.FindIndex(s => s.Contains("js/blazor-start.", StringComparison.Ordinal));
        Assert.True(blazor >= 0 && start > blazor, string.Join("\n", scripts));
        Assert.Contains("autostart=\"false\"", scripts[blazor]);

        var src = Regex.Match(scripts[start], "src=\"([^\"]+)\"").Groups[1].Value;
        var script = await http.GetStringAsync("/" + src.TrimStart('/'));
        Assert.Contains("Blazor.start(", script);
        Assert.Contains("skipNegotiation: true", script);
        Assert.Contains("transport: 1", script);   // HttpTransportType.WebSockets
        Assert.Contains("initializers: { beforeStart: [], afterStarted: [] }", script);
    }

    [Fact]
    public async Task The_portal_has_no_js_initializers_so_skipping_their_request_loses_nothing()
    {
        // If a package ever brings a JS initializer (a *.lib.module.js), this fails: js/blazor-start.js must then stop
        // passing an empty list of initializers, or the initializer would silently never run.
        using var http = new HttpClient { BaseAddress = host.PublicUri };
        var response = await http.GetAsync("/_blazor/initializers");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(0, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetArrayLength());
    }

    [Fact]
    public async Task The_circuit_websocket_opens_without_negotiation_with_compression()
    {
        using var socket = new ClientWebSocket();
        socket.Options.DangerousDeflateOptions = new WebSocketDeflateOptions();
        socket.Options.CollectHttpResponseDetails = true;
        await socket.ConnectAsync(new Uri($"ws://127.0.0.1:{host.PublicPort}/_blazor"), CancellationToken.None);

        Assert.Equal(WebSocketState.Open, socket.State);
        // permessage-deflate: the first interactive render batch (≈ 120 KB of frames on the usage page) travels compressed.
        Assert.Contains("permessage-deflate", socket.HttpResponseHeaders?["Sec-WebSocket-Extensions"].Single() ?? "");
        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
    }

    [GeneratedRegex("<script[^>]*>")]
    private static partial Regex ScriptTag();
}
