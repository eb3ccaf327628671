using System.Buffers;
using System.Buffers.Binary;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.AspNetCore.SignalR.Protocol;

namespace Portal.LoadTests;

/// <summary>
/// Blazor Server speaks MessagePack under the protocol name "blazorpack". The server sends JS.BeginInvokeJS with 5 or 6
/// arguments depending on the version (the JS call type came later): when binding 6 fails the message is parsed again with 5.
/// </summary>
internal sealed class BlazorPackProtocol : IHubProtocol
{
    private readonly MessagePackHubProtocol _inner = new();

    public string Name => "blazorpack";
    public int Version => _inner.Version;
    public TransferFormat TransferFormat => TransferFormat.Binary;
    public bool IsVersionSupported(int version) => _inner.IsVersionSupported(version);
    public ReadOnlyMemory<byte> GetMessageBytes(HubMessage message) => _inner.GetMessageBytes(message);
    public void WriteMessage(HubMessage message, IBufferWriter<byte> output) => _inner.WriteMessage(message, output);

    public bool TryParseMessage(ref ReadOnlySequence<byte> input, IInvocationBinder binder, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out HubMessage? message)
    {
        var start = input;
        if (!_inner.TryParseMessage(ref input, binder, out message)) return false;
        if (message is InvocationBindingFailureMessage { Target: CircuitClient.BeginInvokeJS })
        {
            input = start;
            return _inner.TryParseMessage(ref input, new FiveArguments(binder), out message);
        }
        return true;
    }

    private sealed class FiveArguments(IInvocationBinder inner) : IInvocationBinder
    {
        public IReadOnlyList<Type> GetParameterTypes(string methodName) =>
            methodName == CircuitClient.BeginInvokeJS ? CircuitClient.BeginInvokeJSTypes[..5] : inner.GetParameterTypes(methodName);
        public Type GetReturnType(string invocationId) => inner.GetReturnType(invocationId);
        public Type GetStreamItemType(string streamId) => inner.GetStreamItemType(streamId);
    }
}

/// <summary>
/// One interactive circuit on the usage page, the way blazor.web.js opens it: GET the prerendered page (its server
/// component markers and persisted state), connect /_blazor with the sign-in cookie, StartCircuit, UpdateRootComponents
/// with the markers, acknowledge every render batch, answer every JS call with null. The timed interaction is a real UI
/// event: the "show as table" switch of the first usage chart, dispatched as the browser would (DispatchEventAsync on the
/// renderer's interop object, event handler id read from the binary render batch); the round trip ends at the next render batch.
/// </summary>
internal sealed partial class CircuitClient(Uri baseUri, string path, HttpClient http, CookieContainer cookies) : IAsyncDisposable
{
    internal const string BeginInvokeJS = "JS.BeginInvokeJS";
    internal static readonly Type[] BeginInvokeJSTypes = [typeof(long), typeof(string), typeof(string), typeof(int), typeof(long), typeof(int)];

    private HubConnection? _hub;
    private long _interopObjectId;
    private ulong _toggleHandler;
    private bool _toggleValue;
    private int _callId;
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource? _nextBatch;
    private long _lastBatchTicks;
    private readonly object _gate = new();

    public int Batches { get; private set; }

    /// <summary>Round trips whose render batch showed the chart's table (data-testid="chart-table"): the event really ran.</summary>
    public int TablesShown { get; private set; }
    public long BatchBytes { get; private set; }
    public List<string> Errors { get; } = [];

    public async Task StartAsync(CancellationToken ct)
    {
        var pageUri = new Uri(baseUri, path);
        var html = await http.GetStringAsync(pageUri, ct);
        var markers = ServerMarker().Matches(html).Select(m => m.Groups[1].Value).ToList();
        if (markers.Count == 0) throw new InvalidOperationException($"{path}: no interactive server component markers in the page (signed out?).");
        var state = PersistedState().Match(html) is { Success: true } s ? s.Groups[1].Value : "";

        var builder = new HubConnectionBuilder().WithUrl(new Uri(baseUri, "_blazor"), o =>
        {
            o.Cookies = cookies;
            o.Transports = HttpTransportType.WebSockets;
            o.SkipNegotiation = true;
        });
        builder.Services.AddSingleton<IHubProtocol>(new BlazorPackProtocol());
        var hub = _hub = builder.Build();
        hub.On(BeginInvokeJS, BeginInvokeJSTypes, args => OnBeginInvokeJS(args));
        hub.On("JS.RenderBatch", [typeof(long), typeof(byte[])], args => OnRenderBatch((long)args[0]!, (byte[])args[1]!));
        hub.On("JS.EndInvokeDotNet", [typeof(string)], args => OnEndInvokeDotNet((string?)args[0]));
        hub.On("JS.AttachComponent", [typeof(int), typeof(string)], _ => Task.CompletedTask);
        hub.On("JS.EndUpdateRootComponents", [typeof(long)], _ => Task.CompletedTask);
        hub.On("JS.EndLocationChanging", [typeof(int), typeof(bool)], _ => Task.CompletedTask);
        hub.On("JS.Error", [typeof(string)], args =>
        {
            lock (_gate) Errors.Add("JS.Error: " + args[0]);
            _ready.TrySetException(new InvalidOperationException("JS.Error: " + args[0]));
            return Task.CompletedTask;
        });
        await hub.StartAsync(ct);
        var secret = await hub.InvokeAsync<string?>("StartCircuit", new Uri(baseUri, "/").ToString(), pageUri.ToString(), "[]", "", ct);
        if (string.IsNullOrEmpty(secret)) throw new InvalidOperationException("StartCircuit was refused.");
        var operations = markers.Select((m, i) => $"{{\"type\":\"add\",\"ssrComponentId\":{i + 1},\"marker\":{m}}}");
        await hub.SendAsync("UpdateRootComponents", $"{{\"batchId\":1,\"operations\":[{string.Join(",", operations)}]}}", state, ct);
        await _ready.Task.WaitAsync(TimeSpan.FromSeconds(120), ct);
    }

    /// <summary>Waits until no render batch arrived for <paramref name="quiet"/> (follow-up renders after JS calls settle).</summary>
    public async Task SettleAsync(TimeSpan quiet, TimeSpan max, CancellationToken ct)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < max && Stopwatch.GetElapsedTime(Interlocked.Read(ref _lastBatchTicks)) < quiet)
            await Task.Delay(50, ct);
    }

    /// <summary>Flips the chart/table switch; the time from sending the event to the next render batch, in ms.</summary>
    public async Task<double> ToggleAsync(CancellationToken ct)
    {
        var next = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        ulong handler;
        lock (_gate)
        {
            _nextBatch = next;
            handler = _toggleHandler;
        }
        _toggleValue = !_toggleValue;
        var call = Interlocked.Increment(ref _callId).ToString(CultureInfo.InvariantCulture);
        var args = string.Create(CultureInfo.InvariantCulture,
            $"[{{\"eventHandlerId\":{handler},\"eventName\":\"change\",\"eventFieldInfo\":null}},{{\"value\":{(_toggleValue ? "true" : "false")}}}]");
        var sw = Stopwatch.StartNew();
        await _hub!.SendAsync("BeginInvokeDotNetFromJS", call, null, "DispatchEventAsync", _interopObjectId, args, ct);
        await next.Task.WaitAsync(TimeSpan.FromSeconds(30), ct);
        return sw.Elapsed.TotalMilliseconds;
    }

    private Task OnBeginInvokeJS(object?[] args)
    {
        var handle = (long)args[0]!;
        var identifier = (string?)args[1];
        if (identifier == "Blazor._internal.attachWebRendererInterop" && args[2] is string json)
        {
            using var doc = JsonDocument.Parse(json);
            foreach (var item in doc.RootElement.EnumerateArray())
                if (item.ValueKind == JsonValueKind.Object && item.TryGetProperty("__dotNetObject", out var id))
                {
                    _interopObjectId = id.GetInt64();
                    break;
                }
        }
        if (handle == 0) return Task.CompletedTask;
        // The JS side answers [handle, succeeded, result]; null satisfies the page's calls (focus, resize observers, scroll).
        return _hub!.SendAsync("EndInvokeJSFromDotNet", handle, true, $"[{handle},true,null]");
    }

    private Task OnEndInvokeDotNet(string? json)
    {
        if (json is null) return Task.CompletedTask;
        using var doc = JsonDocument.Parse(json);
        var a = doc.RootElement;
        if (a.ValueKind == JsonValueKind.Array && a.GetArrayLength() >= 2 && a[1].ValueKind == JsonValueKind.False)
            lock (_gate) Errors.Add("DispatchEventAsync failed: " + (a.GetArrayLength() > 2 ? a[2].ToString() : ""));
        return Task.CompletedTask;
    }

    private async Task OnRenderBatch(long batchId, byte[] data)
    {
        Interlocked.Exchange(ref _lastBatchTicks, Stopwatch.GetTimestamp());
        TaskCompletionSource? waiter;
        lock (_gate)
        {
            Batches++;
            BatchBytes += data.Length;
            waiter = _nextBatch;
            _nextBatch = null;
            try
            {
                if (ReadToggleHandler(data) && waiter is not null && _toggleValue) TablesShown++;
            }
            catch (ArgumentOutOfRangeException e) { Errors.Add("Unreadable render batch: " + e.Message); }
        }
        waiter?.TrySetResult();
        await _hub!.SendAsync("OnRenderCompleted", batchId, null);
        if (_toggleHandler != 0 && _interopObjectId != 0) _ready.TrySetResult();
    }

    /// <summary>
    /// Reads the reference frames of a render batch (the layout of blazor.web.js' OutOfProcessRenderBatch: 20-byte frames,
    /// a string table, five int32 offsets at the end) for the switch's onchange handler: the first checkbox after the
    /// element marked data-testid="table-toggle". After a toggle the switch re-renders with a new handler id (the old one
    /// is listed as disposed): then the first onchange attribute of that batch is the new one.
    /// </summary>
    private bool ReadToggleHandler(byte[] b)
    {
        int I32(int at) => BinaryPrimitives.ReadInt32LittleEndian(b.AsSpan(at, 4));
        var stringTable = I32(b.Length - 4);
        string? Str(int index)
        {
            if (index < 0) return null;
            var at = I32(stringTable + index * 4);
            int length = 0, shift = 0;
            byte x;
            do { x = b[at++]; length |= (x & 0x7F) << shift; shift += 7; } while ((x & 0x80) != 0);
            return Encoding.UTF8.GetString(b, at, length);
        }
        var disposedAt = I32(b.Length - 8);
        var disposed = false;
        for (var i = 0; i < I32(disposedAt); i++)
            if (BinaryPrimitives.ReadUInt64LittleEndian(b.AsSpan(disposedAt + 4 + i * 8, 8)) == _toggleHandler) disposed = true;

        var framesAt = I32(b.Length - 16);
        var count = I32(framesAt);
        bool afterToggle = false, inElement = false, table = false;
        string? type = null, testId = null;
        ulong onchange = 0, found = 0, firstOnchange = 0;
        void Finish()
        {
            if (!inElement) return;
            if (testId == "table-toggle") afterToggle = true;
            if (testId == "chart-table") table = true;
            if (afterToggle && type == "checkbox" && onchange != 0 && found == 0) { found = onchange; afterToggle = false; }
            inElement = false;
        }
        for (var i = 0; i < count; i++)
        {
            var f = framesAt + 4 + i * 20;
            var frameType = I32(f);
            if (frameType == 3) // attribute
            {
                var name = Str(I32(f + 4));
                var handler = BinaryPrimitives.ReadUInt64LittleEndian(b.AsSpan(f + 12, 8));
                if (name == "onchange" && handler != 0)
                {
                    onchange = handler;
                    if (firstOnchange == 0) firstOnchange = handler;
                }
                else if (name == "type") type = Str(I32(f + 8));
                else if (name == "data-testid") testId = Str(I32(f + 8));
                continue;
            }
            Finish();
            if (frameType == 1) // element
            {
                inElement = true;
                type = testId = null;
                onchange = 0;
            }
        }
        Finish();
        if (_toggleHandler == 0 || disposed) _toggleHandler = found != 0 ? found : disposed ? firstOnchange : _toggleHandler;
        return table;
    }

    public async ValueTask DisposeAsync()
    {
        if (_hub is not null) await _hub.DisposeAsync();
    }

    [GeneratedRegex("<!--Blazor:(\\{\"type\":\"server\".*?\\})-->")]
    private static partial Regex ServerMarker();

    [GeneratedRegex("<!--Blazor-Server-Component-State:([A-Za-z0-9+/=]+)-->")]
    private static partial Regex PersistedState();
}
