using System.Globalization;

namespace Portal.Domain.Usage;

/// <summary>
/// Turns parsed CSV rows into complete <see cref="DayReadings"/> per (account, local date).
/// <para>
/// Timestamp convention: ISO 8601 local time at the <b>start</b> of the interval, "yyyy-MM-dd HH:mm", optionally
/// ":ss" (and ".fff"), with ' ' or 'T' between date and time. A trailing 'Z' or ±hh:mm offset is accepted and
/// converted to local time (see <see cref="ImportOptions"/>). So "2025-03-01 00:00" is the first interval of
/// 1 March; there is no "24:00".
/// </para>
/// <para>
/// Interval length is detected per account-day: the coarsest of 60/30/15 minutes on whose grid every accepted
/// row of that day sits. A day of 15-minute data with rows only on the hour would therefore read as hourly;
/// with real meters that only happens for a nearly empty day, which is then mostly Missing either way.
/// </para>
/// <para>
/// Performance: rows are validated with span parsing and written straight into a 96-slot day buffer; the only
/// per-row allocation is a <see cref="RejectedRow"/> for a rejected row. Feed rows with <see cref="Add(int, ReadOnlySpan{char}, ReadOnlySpan{char}, ReadOnlySpan{char}, ReadOnlySpan{char}, ReadOnlySpan{char})"/>
/// as they stream from the reader, then call <see cref="Build"/> once. Not thread-safe.
/// </para>
/// </summary>
public sealed class ReadingImportAssembler
{
    private const int SlotsPerDay = 96;
    private const int Unset = -1;

    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _accounts;
    private readonly ImportOptions _options;
    private readonly long _maxWh;
    private readonly DateTime _firstStart;
    private readonly DateTime _endExclusive;
    private readonly Dictionary<(string Account, DateOnly Date), DayBuffer> _days = new();
    private readonly List<RejectedRow> _rejected = new();
    private int _accepted;

    // Files are grouped by account and sorted by time, so the previous row's day is almost always the next one's.
    private string? _lastAccount;
    private DateOnly _lastDate;
    private DayBuffer? _lastDay;

    public ReadingImportAssembler(IEnumerable<string> knownAccountNumbers, ImportOptions options)
    {
        if (options.LastDate < options.FirstDate)
            throw new Common.DomainException("Import.RangeInverted", "The last allowed date is before the first.");
        if (options.MaxKwhPerInterval <= 0)
            throw new Common.DomainException("Import.MaxKwhNotPositive", "The plausible maximum per interval must be positive.");
        _accounts = new HashSet<string>(knownAccountNumbers, StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();
        _options = options;
        _maxWh = (long)Math.Min(int.MaxValue, Math.Floor(options.MaxKwhPerInterval * 1000m));
        _firstStart = options.FirstDate.ToDateTime(TimeOnly.MinValue);
        _endExclusive = options.LastDate.AddDays(1).ToDateTime(TimeOnly.MinValue);
    }

    /// <summary>Convenience: assemble a whole in-memory batch.</summary>
    public static ImportResult Assemble(IEnumerable<RawReadingRow> rows, IEnumerable<string> knownAccountNumbers, ImportOptions options)
    {
        var assembler = new ReadingImportAssembler(knownAccountNumbers, options);
        foreach (var r in rows) assembler.Add(r);
        return assembler.Build();
    }

    public void Add(in RawReadingRow row) =>
        Add(row.LineNumber, row.AccountNumber, row.Timestamp, row.Kwh, row.Kvarh, row.Kw);

    /// <summary>Validates one row and either stores it or records why it was rejected. Empty kvarh/kW means "not given".</summary>
    public void Add(int lineNumber, ReadOnlySpan<char> account, ReadOnlySpan<char> timestamp, ReadOnlySpan<char> kwh,
        ReadOnlySpan<char> kvarh = default, ReadOnlySpan<char> kw = default)
    {
        account = account.Trim();
        string? accountNumber;
        if (_lastAccount is not null && account.SequenceEqual(_lastAccount)) accountNumber = _lastAccount;
        else if (!_accounts.TryGetValue(account, out accountNumber)) { Reject(lineNumber, ImportRejectReason.UnknownAccount, account); return; }

        var ts = TimestampParser.Parse(timestamp.Trim(), _options.Offset, out var start);
        if (ts != TimestampParser.Status.Ok)
        {
            Reject(lineNumber, ts == TimestampParser.Status.Misaligned ? ImportRejectReason.MisalignedTimestamp : ImportRejectReason.BadTimestamp, timestamp);
            return;
        }
        if (start < _firstStart || start >= _endExclusive || (_options.NotAfter is { } now && start > now))
        {
            Reject(lineNumber, ImportRejectReason.OutOfRange, timestamp);
            return;
        }

        var energy = ParseValue(kwh, required: true);
        var reactive = ParseValue(kvarh, required: false);
        var demand = ParseValue(kw, required: false);
        var worst = Worst(energy.Status, reactive.Status, demand.Status);
        if (worst != ValueStatus.Ok)
        {
            var offending = energy.Status == worst ? kwh : reactive.Status == worst ? kvarh : kw;
            Reject(lineNumber, worst == ValueStatus.NonNumeric ? ImportRejectReason.NonNumeric : ImportRejectReason.NegativeValue, offending);
            return;
        }
        if (energy.Milli > _maxWh) { Reject(lineNumber, ImportRejectReason.OutOfRange, kwh); return; }

        var date = DateOnly.FromDateTime(start);
        DayBuffer day;
        if (_lastDay is not null && ReferenceEquals(accountNumber, _lastAccount) && date == _lastDate) day = _lastDay;
        else
        {
            if (!_days.TryGetValue((accountNumber!, date), out var found))
                _days.Add((accountNumber!, date), found = new DayBuffer());
            day = found;
            _lastAccount = accountNumber;
            _lastDate = date;
            _lastDay = day;
        }

        var slot = (start.Hour * 60 + start.Minute) / 15;
        if (day.Wh[slot] != Unset) { Reject(lineNumber, ImportRejectReason.Duplicate, timestamp); return; }
        day.Wh[slot] = (int)energy.Milli;
        if (reactive.Present) (day.Varh ??= NewUnset())[slot] = (int)Math.Min(int.MaxValue, reactive.Milli);
        if (demand.Present) (day.DemandW ??= NewUnset())[slot] = (int)Math.Min(int.MaxValue, demand.Milli);
        day.Mask |= 1 << (slot & 3); // which quarter-hour positions are used decides the interval length
        _accepted++;
    }

    public ImportResult Build()
    {
        var days = new List<ImportedDay>(_days.Count);
        foreach (var ((account, date), buffer) in _days.OrderBy(d => d.Key.Account, StringComparer.Ordinal).ThenBy(d => d.Key.Date))
            days.Add(new ImportedDay(account, buffer.ToDayReadings(date)));
        return new ImportResult(days, _rejected.ToArray(), _accepted);
    }

    private void Reject(int line, ImportRejectReason reason, ReadOnlySpan<char> offending) =>
        _rejected.Add(new RejectedRow(line, reason, RejectedRow.Sample(offending.Trim())));

    private static int[] NewUnset()
    {
        var a = new int[SlotsPerDay];
        Array.Fill(a, Unset);
        return a;
    }

    private enum ValueStatus { Ok = 0, Negative = 1, NonNumeric = 2 }

    private readonly record struct Value(ValueStatus Status, long Milli, bool Present);

    private static ValueStatus Worst(ValueStatus a, ValueStatus b, ValueStatus c) => (ValueStatus)Math.Max((int)a, Math.Max((int)b, (int)c));

    /// <summary>
    /// Parses a kWh (or kvarh, kW) text into thousandths (Wh, varh, W), rounding half-up at the fourth decimal.
    /// Fixed-point digit parsing keeps it exact and allocation-free; only exponent notation falls back to decimal.
    /// </summary>
    private static Value ParseValue(ReadOnlySpan<char> text, bool required)
    {
        text = text.Trim();
        if (text.IsEmpty) return required ? new(ValueStatus.NonNumeric, 0, false) : new(ValueStatus.Ok, 0, false);
        var negative = false;
        var i = 0;
        if (text[0] is '-' or '+') { negative = text[0] == '-'; i = 1; }
        long whole = 0;
        int intDigits = 0, fracDigits = 0, milli = 0;
        var roundUp = false;
        for (; i < text.Length && char.IsAsciiDigit(text[i]); i++, intDigits++)
        {
            if (intDigits >= 12) return new(ValueStatus.NonNumeric, 0, false);
            whole = whole * 10 + (text[i] - '0');
        }
        if (i < text.Length && text[i] == '.')
        {
            for (i++; i < text.Length && char.IsAsciiDigit(text[i]); i++, fracDigits++)
            {
                if (fracDigits < 3) milli = milli * 10 + (text[i] - '0');
                else if (fracDigits == 3) roundUp = text[i] >= '5';
            }
        }
        if (i < text.Length)
        {
            if (text[i] is 'e' or 'E' && decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d))
            {
                if (d < 0) return new(ValueStatus.Negative, 0, true);
                if (d > 1_000_000_000m) return new(ValueStatus.Ok, long.MaxValue, true);
                return new(ValueStatus.Ok, (long)Math.Round(d * 1000m, MidpointRounding.AwayFromZero), true);
            }
            return new(ValueStatus.NonNumeric, 0, false);
        }
        if (intDigits + fracDigits == 0) return new(ValueStatus.NonNumeric, 0, false);
        for (var f = fracDigits; f < 3; f++) milli *= 10;
        var value = whole * 1000 + milli + (roundUp ? 1 : 0);
        if (negative && value != 0) return new(ValueStatus.Negative, 0, true);
        return new(ValueStatus.Ok, value, true);
    }

    private sealed class DayBuffer
    {
        public readonly int[] Wh = NewUnset();
        public int[]? Varh;
        public int[]? DemandW;
        public int Mask;

        public DayReadings ToDayReadings(DateOnly date)
        {
            // Coarsest grid that holds every row: only :00 used → hourly; :00/:30 → 30 min; otherwise 15 min.
            var interval = (Mask & 0b1010) != 0 ? 15 : (Mask & 0b0100) != 0 ? 30 : 60;
            var step = interval / 15;
            var n = SlotsPerDay / step;
            var wh = new int[n];
            var varh = Varh is null ? null : new int[n];
            var demand = DemandW is null ? null : new int[n];
            for (var i = 0; i < n; i++)
            {
                var s = i * step;
                wh[i] = Wh[s];
                // Reactive and demand are only meaningful next to an energy reading; elsewhere they stay unset (-1).
                if (varh is not null) varh[i] = Wh[s] == Unset ? Unset : Varh![s];
                if (demand is not null) demand[i] = Wh[s] == Unset ? Unset : DemandW![s];
            }
            return new DayReadings(date, interval, wh, null, varh, demand);
        }
    }
}

/// <summary>Allocation-free ISO 8601 local timestamp parsing for the import (see <see cref="ReadingImportAssembler"/>).</summary>
internal static class TimestampParser
{
    public enum Status { Ok, Bad, Misaligned }

    public static Status Parse(ReadOnlySpan<char> s, TimeSpan localOffset, out DateTime local)
    {
        local = default;
        // yyyy-MM-dd?HH:mm  (16 chars minimum)
        if (s.Length < 16 || s[4] != '-' || s[7] != '-' || s[10] is not (' ' or 'T') || s[13] != ':') return Status.Bad;
        if (!Digits(s, 0, 4, out var year) || !Digits(s, 5, 2, out var month) || !Digits(s, 8, 2, out var day)
            || !Digits(s, 11, 2, out var hour) || !Digits(s, 14, 2, out var minute)) return Status.Bad;
        var i = 16;
        var second = 0;
        var fractionNonZero = false;
        if (i < s.Length && s[i] == ':')
        {
            if (!Digits(s, i + 1, 2, out second)) return Status.Bad;
            i += 3;
            if (i < s.Length && s[i] == '.')
            {
                var digits = 0;
                for (i++; i < s.Length && char.IsAsciiDigit(s[i]); i++, digits++)
                    if (s[i] != '0') fractionNonZero = true;
                if (digits == 0) return Status.Bad;
            }
        }
        TimeSpan? offset = null;
        if (i < s.Length)
        {
            if (s[i] == 'Z' && i + 1 == s.Length) offset = TimeSpan.Zero;
            else if (s[i] is '+' or '-' && s.Length - i == 6 && s[i + 3] == ':'
                     && Digits(s, i + 1, 2, out var oh) && Digits(s, i + 4, 2, out var om) && oh <= 14 && om < 60)
                offset = new TimeSpan(oh, om, 0) * (s[i] == '-' ? -1 : 1);
            else return Status.Bad;
        }
        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)
            || hour > 23 || minute > 59 || second > 59) return Status.Bad;
        if (second != 0 || fractionNonZero || minute % 15 != 0) return Status.Misaligned;
        local = new DateTime(year, month, day, hour, minute, 0);
        if (offset is { } o) local = local - o + localOffset;
        return Status.Ok;
    }

    private static bool Digits(ReadOnlySpan<char> s, int start, int count, out int value)
    {
        value = 0;
        if (start + count > s.Length) return false;
        for (var k = start; k < start + count; k++)
        {
            var c = s[k];
            if (!char.IsAsciiDigit(c)) return false;
            value = value * 10 + (c - '0');
        }
        return true;
    }
}
