using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.Extensions.Options;

namespace Portal.Infrastructure.Security;

/// <summary>The open circuits of every signed-in user in this instance, capped at Security:MaxCircuitsPerUser.</summary>
public sealed class CircuitRegistry(IOptions<SecurityOptions> options)
{
    private readonly Dictionary<string, HashSet<string>> _open = new(StringComparer.Ordinal);

    public int Limit => options.Value.MaxCircuitsPerUser;

    /// <summary>Admits the circuit unless the user already holds <see cref="Limit"/> open ones.</summary>
    public bool TryOpen(string userId, string circuitId)
    {
        lock (_open)
        {
            if (!_open.TryGetValue(userId, out var circuits)) _open[userId] = circuits = [];
            if (circuits.Contains(circuitId)) return true;
            if (circuits.Count >= Limit) return false;
            circuits.Add(circuitId);
            return true;
        }
    }

    public void Close(string userId, string circuitId)
    {
        lock (_open)
        {
            if (_open.TryGetValue(userId, out var circuits) && circuits.Remove(circuitId) && circuits.Count == 0) _open.Remove(userId);
        }
    }

    public int OpenCount(string userId)
    {
        lock (_open) return _open.TryGetValue(userId, out var circuits) ? circuits.Count : 0;
    }
}

/// <summary>Per circuit: whether it was refused by the cap (the layout then shows a message instead of the page).</summary>
public sealed class CircuitAdmission
{
    public bool Refused { get; internal set; }
    public int Limit { get; internal set; }
}

/// <summary>
/// Counts a signed-in user's connected circuits; refuses the one beyond the cap. A circuit whose connection drops
/// (tab closed without a goodbye, network gone) gives its slot back at once rather than after the retention period.
/// </summary>
public sealed class UserCircuitHandler(CircuitRegistry registry, AuthenticationStateProvider auth, CircuitAdmission admission,
    ILogger<UserCircuitHandler> log) : CircuitHandler
{
    private string? _userId;
    private bool _holding;

    public override async Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        var user = (await auth.GetAuthenticationStateAsync()).User;
        var userId = user.FindFirstValue(ClaimTypes.NameIdentifier);
        if (userId is null) return;
        if (registry.TryOpen(userId, circuit.Id))
        {
            (_userId, _holding) = (userId, true);
            return;
        }
        admission.Refused = true;
        admission.Limit = registry.Limit;
        log.LogWarning("Circuit refused: user {UserId} already holds {Limit} open circuits.", userId, registry.Limit);
    }

    public override Task OnConnectionUpAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        // A reconnect takes its slot again (if the cap is reached meanwhile it runs on uncounted rather than break a page in use).
        if (_userId is not null && !_holding) _holding = registry.TryOpen(_userId, circuit.Id);
        return Task.CompletedTask;
    }

    public override Task OnConnectionDownAsync(Circuit circuit, CancellationToken cancellationToken) => ReleaseAsync(circuit);

    public override Task OnCircuitClosedAsync(Circuit circuit, CancellationToken cancellationToken) => ReleaseAsync(circuit);

    private Task ReleaseAsync(Circuit circuit)
    {
        if (_userId is not null && _holding) registry.Close(_userId, circuit.Id);
        _holding = false;
        return Task.CompletedTask;
    }
}
