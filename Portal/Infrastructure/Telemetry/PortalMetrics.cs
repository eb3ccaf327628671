using System.Diagnostics.Metrics;
using Hangfire.Server;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace Portal.Infrastructure.Telemetry;

/// <summary>
/// The portal's own instruments (meter "PowerMarketing"), exported with ASP.NET Core, EF Core and runtime metrics on the
/// internal endpoint's /metrics. Tags carry codes only (job ids, statuses), never personal data.
/// </summary>
public sealed class PortalMetrics : IDisposable
{
    public const string MeterName = "PowerMarketing";
    private readonly Meter _meter = new(MeterName);
    private long _circuits;

    public PortalMetrics()
    {
        _meter.CreateObservableGauge("pm.circuits.open", () => Interlocked.Read(ref _circuits), "{circuit}", "Blazor circuits open in this instance.");
        JobDuration = _meter.CreateHistogram<double>("pm.job.duration", "s", "Hangfire job run time, by job and outcome.");
        JobFailures = _meter.CreateCounter<long>("pm.job.failures", "{run}", "Hangfire job runs that threw, by job.");
        EmailDeliveries = _meter.CreateCounter<long>("pm.email.deliveries", "{message}", "Outbox messages by delivery result (sent, deferred, failed, uncertain).");
        RoutingLatency = _meter.CreateHistogram<double>("pm.complaint.routing.latency", "s", "From a complaint's submission to its routing into a queue.");
        RefreshedAccounts = _meter.CreateCounter<long>("pm.usage.refresh.accounts", "{account}", "Accounts whose usage forecast and alerts a refresh recomputed; its rate is the refresh throughput.");
    }

    public Histogram<double> JobDuration { get; }
    public Counter<long> JobFailures { get; }
    public Counter<long> EmailDeliveries { get; }
    public Histogram<double> RoutingLatency { get; }
    public Counter<long> RefreshedAccounts { get; }

    internal void CircuitOpened() => Interlocked.Increment(ref _circuits);
    internal void CircuitClosed() => Interlocked.Decrement(ref _circuits);

    public void Dispose() => _meter.Dispose();
}

/// <summary>Counts circuits as they open and close (every circuit, signed in or not).</summary>
public sealed class MetricsCircuitHandler(PortalMetrics metrics) : CircuitHandler
{
    public override Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        metrics.CircuitOpened();
        return Task.CompletedTask;
    }

    public override Task OnCircuitClosedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        metrics.CircuitClosed();
        return Task.CompletedTask;
    }
}

/// <summary>Hangfire server filter: each job run's duration and outcome, tagged with the job's class and method.</summary>
public sealed class JobMetricsFilter(PortalMetrics metrics) : IServerFilter
{
    private const string StartedKey = "pm.started";

    public void OnPerforming(PerformingContext context) => context.Items[StartedKey] = System.Diagnostics.Stopwatch.GetTimestamp();

    public void OnPerformed(PerformedContext context)
    {
        if (!context.Items.TryGetValue(StartedKey, out var started) || started is not long t0) return;
        var job = $"{context.BackgroundJob.Job.Type.Name}.{context.BackgroundJob.Job.Method.Name}";
        var failed = context.Exception is not null && !context.ExceptionHandled;
        metrics.JobDuration.Record(System.Diagnostics.Stopwatch.GetElapsedTime(t0).TotalSeconds,
            new KeyValuePair<string, object?>("job", job), new KeyValuePair<string, object?>("outcome", failed ? "failed" : "succeeded"));
        if (failed) metrics.JobFailures.Add(1, new KeyValuePair<string, object?>("job", job));
    }
}
