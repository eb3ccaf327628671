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

// Charts the prerendered page already drew (issue 20). The circuit's first render sends a chart the prerender drew with
// the same markup (same hash) as an empty `.pm-chart-slot` instead of its ≈ 4–12 KB of markup: Blazor removes the
// prerendered nodes and inserts the circuit's in the same batch, and this moves each prerendered chart into its empty
// slot before the browser paints. PortalChart asks `portalChartFilled` afterwards and renders the markup itself if not.
// Only the circuit's first render replaces prerendered charts, so the observer stops once the layout is interactive
// (MainLayout's data-interactive="true" arrives in that same batch): later renders, on this page or the next, do not pay
// for a callback on every DOM change. A chart the first render did not fill is still filled by the server (the fallback).
(() => {
    const selector = ".pm-chart-slot[data-pm-chart]";
    const removed = new Map();
    const observer = new MutationObserver(records => {
        for (const record of records) {
            for (const node of record.removedNodes) {
                if (node.nodeType !== Node.ELEMENT_NODE) continue;
                for (const chart of node.matches(selector) ? [node] : node.querySelectorAll(selector))
                    if (chart.firstChild) removed.set(chart.dataset.pmChart, chart);
            }
        }
        if (removed.size > 0) {
            for (const slot of document.querySelectorAll(selector)) {
                const old = !slot.firstChild && removed.get(slot.dataset.pmChart);
                if (old) slot.append(...old.childNodes);
            }
            removed.clear();
        }
        if (document.querySelector("[data-interactive='true']")) {
            observer.disconnect();
            window.portalChartObserverStopped = true;
        }
    });
    observer.observe(document.body, { childList: true, subtree: true });
    window.portalChartFilled = slot => !!slot && slot.firstChild !== null;
})();
