// Starts Blazor (App.razor loads blazor.web.js with autostart="false"; the CSP allows no inline script). Issue 20: on a
// slow phone every round trip before the circuit is ≈ 150 ms or more, so the circuit skips two of them:
// - `_blazor/initializers`: the portal has no JS initializers (Portal.Tests' CircuitStartTests checks that the
//   endpoint answers an empty list; if a package ever brings one, that test fails and this shortcut must go);
// - `_blazor/negotiate`: the circuit connects its WebSocket directly. The price: no fallback to long polling or
//   server-sent events where WebSockets are blocked (docs/OPERATIONS.md, "WebSockets only").
Blazor.start({
    circuit: {
        initializers: { beforeStart: [], afterStarted: [] },
        // 1 = HttpTransportType.WebSockets (blazor.web.js does not export the SignalR enum).
        configureSignalR: builder => builder.withUrl("_blazor", { skipNegotiation: true, transport: 1 }),
    },
});
