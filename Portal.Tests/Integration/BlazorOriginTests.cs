using System.Net;
using System.Net.WebSockets;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;

namespace Portal.Tests.Integration;

/// <summary>A portal behind a proxy: its configured addresses differ from the loopback listeners the tests reach.</summary>
public sealed class ConfiguredBaseUrlHost() : PortalHost(12, 3, new()
{
    ["Endpoints:PublicBaseUrl"] = ConfiguredBaseUrlHost.PublicBase,
    ["Endpoints:InternalBaseUrl"] = ConfiguredBaseUrlHost.InternalBase,
    // The tests connect to the loopback listeners directly, as a proxy would.
    ["Endpoints:AllowedHosts:0"] = "127.0.0.1",
})
{
    public const string PublicBase = "https://portal.example.test";
    public const string InternalBase = "https://staff.example.test:8443";
}

/// <summary>
/// With configured base URLs, links, allowed hosts, the Blazor circuit's allowed origins and the CSP's WebSocket
/// targets all follow the configuration, not the address a request arrived at.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed partial class BlazorOriginTests(ConfiguredBaseUrlHost host) : IClassFixture<ConfiguredBaseUrlHost>
{
    private async Task<HttpResponseMessage> NegotiateAsync(string? origin)
    {
        using var client = host.Client();
        var request = new HttpRequestMessage(HttpMethod.Post, "/_blazor/negotiate?negotiateVersion=1");
        if (origin is not null) request.Headers.Add("Origin", origin);
        return await client.Http.SendAsync(request);
    }

    [Theory]
    [InlineData("http://evil.example")]
    [InlineData("null")]
    [InlineData("https://portal.example.test.evil.example")]
    [InlineData("http://portal.example.test")]
    [InlineData("http://127.0.0.1")] // the listener's own address is not an origin users browse
    public async Task A_foreign_origin_cannot_negotiate_a_circuit(string origin)
    {
        var response = await NegotiateAsync(origin.Replace("http://127.0.0.1", $"http://127.0.0.1:{host.PublicPort}", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Theory]
    [InlineData(ConfiguredBaseUrlHost.PublicBase)]
    [InlineData(ConfiguredBaseUrlHost.InternalBase)]
    [InlineData(null)] // not a browser: no cookie-riding to prevent
    public async Task The_configured_origins_negotiate_a_circuit(string? origin)
    {
        var response = await NegotiateAsync(origin);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("connectionToken", await response.Content.ReadAsStringAsync());
    }

    private async Task<ClientWebSocket> UpgradeAsync(string origin)
    {
        var negotiate = await NegotiateAsync(null);
        var token = JsonDocument.Parse(await negotiate.Content.ReadAsStringAsync()).RootElement.GetProperty("connectionToken").GetString();
        var socket = new ClientWebSocket();
        socket.Options.SetRequestHeader("Origin", origin);
        await socket.ConnectAsync(new Uri($"ws://127.0.0.1:{host.PublicPort}/_blazor?id={token}"), CancellationToken.None);
        return socket;
    }

    [Fact]
    public async Task A_foreign_origin_cannot_open_the_circuit_websocket()
    {
        var ex = await Assert.ThrowsAsync<WebSocketException>(() => UpgradeAsync("http://evil.example"));
        Assert.Contains("403", ex.Message);
    }

    [Fact]
    public async Task A_foreign_origin_cannot_open_the_circuit_websocket_without_negotiating_either()
    {
        // The page skips negotiation (js/blazor-start.js, issue 20); the origin check covers the direct connection too.
        using var socket = new ClientWebSocket();
        socket.Options.SetRequestHeader("Origin", "http://evil.example");
        var ex = await Assert.ThrowsAsync<WebSocketException>(() =>
            socket.ConnectAsync(new Uri($"ws://127.0.0.1:{host.PublicPort}/_blazor"), CancellationToken.None));
        Assert.Contains("403", ex.Message);
    }

    [Fact]
    public async Task The_configured_origin_opens_the_circuit_websocket_without_negotiating()
    {
        using var socket = new ClientWebSocket();
        socket.Options.SetRequestHeader("Origin", ConfiguredBaseUrlHost.PublicBase);
        await socket.ConnectAsync(new Uri($"ws://127.0.0.1:{host.PublicPort}/_blazor"), CancellationToken.None);
        Assert.Equal(WebSocketState.Open, socket.State);
        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
    }

    [Fact]
    public async Task The_configured_origin_opens_the_circuit_websocket()
    {
        using var socket = await UpgradeAsync(ConfiguredBaseUrlHost.PublicBase);
        Assert.Equal(WebSocketState.Open, socket.State);
        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
    }

    [Theory]
    [InlineData(false, "wss://portal.example.test")]
    [InlineData(true, "wss://staff.example.test:8443")]
    public async Task The_csp_lets_websockets_reach_only_the_endpoints_own_origin(bool @internal, string ws)
    {
        using var client = host.Client(@internal);
        var response = await client.GetAsync("/Account/Login");
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        var connect = ConnectSrc().Match(csp);
        Assert.True(connect.Success, csp);
        Assert.Equal($"'self' {ws}", connect.Groups[1].Value);
    }

    [Theory]
    [InlineData("portal.example.test", HttpStatusCode.OK)]
    [InlineData("staff.example.test", HttpStatusCode.OK)]
    [InlineData("127.0.0.1", HttpStatusCode.OK)]
    [InlineData("localhost", HttpStatusCode.BadRequest)] // not on loopback any more: only the configured names
    [InlineData("evil.example", HttpStatusCode.BadRequest)]
    public async Task Only_the_configured_host_names_are_served(string name, HttpStatusCode expected)
    {
        using var client = host.Client();
        var request = new HttpRequestMessage(HttpMethod.Get, "/Account/Login");
        request.Headers.Host = name;
        Assert.Equal(expected, (await client.Http.SendAsync(request)).StatusCode);
    }

    [Fact]
    public async Task The_reset_email_link_starts_with_the_configured_public_base_url()
    {
        using var client = host.Client();
        var response = await client.PostFormAsync("/Account/ForgotPassword", "forgot-password", new Dictionary<string, string> { ["Input.Email"] = "household@demo.local" });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);

        await using var check = await host.Db.CreateDbContextAsync();
        var body = await check.EmailMessages.Where(m => m.To == "household@demo.local").OrderByDescending(m => m.Id).Select(m => m.HtmlBody).FirstAsync();
        Assert.Contains($"href=\"{ConfiguredBaseUrlHost.PublicBase}/Account/ResetPassword?code=", body);
    }

    [GeneratedRegex("connect-src ([^;]+);")]
    private static partial Regex ConnectSrc();
}
