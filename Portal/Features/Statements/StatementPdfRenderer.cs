using System.Globalization;
using Microsoft.Extensions.Localization;
using PdfSharp.Drawing;
using PdfSharp.Fonts;
using PdfSharp.Pdf;
using Portal.Components.Shared;
using Portal.Domain.Statements;
using Portal.Resources;

namespace Portal.Features.Statements;

/// <summary>
/// Draws a <see cref="StatementDocument"/> as an A4 PDF in the given language with PDFsharp: the utility header
/// with the logo (vector, theme colours), account and amount due, readings, the kWh split, line items, the running
/// balance, a 12-month bar chart, the tip and contacts. Text is real text (searchable, machine-checkable).
/// </summary>
public sealed class StatementPdfRenderer(IStringLocalizer<SharedResource> l)
{
    private static readonly object FontGate = new();
    private static readonly System.Text.Json.JsonSerializerOptions ContentText = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private static CjkFontResolver? _fonts;

    // Theme colours (wwwroot-theme/theme.css).
    private static readonly XColor Primary = XColor.FromArgb(0x0b, 0x6e, 0x4f);
    private static readonly XColor PrimaryDark = XColor.FromArgb(0x08, 0x50, 0x3a);
    private static readonly XColor Secondary = XColor.FromArgb(0x1f, 0x5f, 0x99);
    private static readonly XColor Accent = XColor.FromArgb(0xc2, 0x5e, 0x00);
    private static readonly XColor Text = XColor.FromArgb(0x1b, 0x2a, 0x27);
    private static readonly XColor Muted = XColor.FromArgb(0x4a, 0x5a, 0x56);
    private static readonly XColor Border = XColor.FromArgb(0xc9, 0xd6, 0xd2);
    private static readonly XColor Tint = XColor.FromArgb(0xee, 0xf5, 0xf2);
    private static readonly XColor Bolt = XColor.FromArgb(0xff, 0xd5, 0x4f);

    private const double PageWidth = 595.28, PageHeight = 841.89, Margin = 40;
    private const double ContentWidth = PageWidth - 2 * Margin;

    /// <summary>Installs the CJK font resolver once per process; throws naming the font package if none is installed.</summary>
    public static void EnsureFonts(CjkFontResolver? resolver = null)
    {
        lock (FontGate)
        {
            if (_fonts is not null) return;
            resolver ??= new CjkFontResolver();
            resolver.EnsureAvailable();
            if (GlobalFontSettings.FontResolver is null) GlobalFontSettings.FontResolver = resolver;
            _fonts = resolver;
        }
    }

    public byte[] Render(StatementDocument doc, string culture)
    {
        EnsureFonts();
        var (previous, previousUi) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
            // The statement's own data decides the font; the resource strings are covered by the reduced one (tested).
            var family = _fonts!.FamilyFor(System.Text.Json.JsonSerializer.Serialize(doc, ContentText));
            return new Drawing(doc, l, family).Run();
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
            CultureInfo.CurrentUICulture = previousUi;
        }
    }

    /// <summary>One rendering: a page cursor that starts a new page when a block does not fit.</summary>
    private sealed class Drawing(StatementDocument d, IStringLocalizer<SharedResource> l, string family)
    {
        private readonly PdfDocument _pdf = new();
        private readonly XFont _h1 = new(family, 17, XFontStyleEx.Bold);
        private readonly XFont _h2 = new(family, 11, XFontStyleEx.Bold);
        private readonly XFont _body = new(family, 9);
        private readonly XFont _bold = new(family, 9, XFontStyleEx.Bold);
        private readonly XFont _small = new(family, 7.5);
        private readonly XFont _big = new(family, 20, XFontStyleEx.Bold);
        private XGraphics _g = null!;
        private double _y;
        private int _pages;

        public byte[] Run()
        {
            _pdf.Info.Title = $"{l["Statement.Title"]} {d.Account.AccountNumber} {Format.Month(d.PeriodStart)}";
            _pdf.Info.Author = l["Statement.Utility"];
            _pdf.Info.Subject = l["Statement.Title"];
            NewPage();
            Header();
            AccountAndAmount();
            Readings();
            Split();
            Lines();
            Balance();
            Instalments();
            Chart();
            Notes();
            _g.Dispose();
            Footers();
            using var ms = new MemoryStream();
            _pdf.Save(ms, false);
            return ms.ToArray();
        }

        private void NewPage()
        {
            _g?.Dispose();
            var page = _pdf.AddPage();
            page.Width = XUnit.FromPoint(PageWidth);
            page.Height = XUnit.FromPoint(PageHeight);
            _g = XGraphics.FromPdfPage(page);
            _pages++;
            _y = Margin;
            if (_pages > 1)
            {
                _g.DrawString($"{l["Statement.Title"]} · {d.Account.AccountNumber} · {Format.Month(d.PeriodStart)}", _small, new XSolidBrush(Muted), Margin, _y);
                _y += 14;
            }
        }

        private void Need(double height)
        {
            if (_y + height > PageHeight - Margin - 24) NewPage();
        }

        /// <summary>Footers go on last, when the page count is known ("page 1 of 2").</summary>
        private void Footers()
        {
            var y = PageHeight - Margin + 6;
            for (var i = 0; i < _pdf.PageCount; i++)
            {
                using var g = XGraphics.FromPdfPage(_pdf.Pages[i], XGraphicsPdfPageOptions.Append);
                g.DrawLine(new XPen(Border, 0.5), Margin, y - 10, PageWidth - Margin, y - 10);
                g.DrawString(l["Statement.Footer", d.PortalLink], _small, new XSolidBrush(Muted), Margin, y);
                g.DrawString(l["Statement.Page", i + 1, _pdf.PageCount], _small, new XSolidBrush(Muted), new XRect(Margin, y - 8, ContentWidth, 10), XStringFormats.TopRight);
            }
        }

        private void Header()
        {
            _g.DrawRectangle(new XSolidBrush(Primary), 0, 0, PageWidth, 78);
            Logo(Margin, 15, 48);
            _g.DrawString(l["Statement.Utility"], _h1, XBrushes.White, Margin + 60, 36);
            _g.DrawString(l["App.Name"] + " · 95598", _body, XBrushes.White, Margin + 60, 54);
            _g.DrawString(l["Statement.Title"], _h2, XBrushes.White, new XRect(Margin, 22, ContentWidth, 16), XStringFormats.TopRight);
            _g.DrawString(Format.Month(d.PeriodStart), _h1, XBrushes.White, new XRect(Margin, 40, ContentWidth, 20), XStringFormats.TopRight);
            _y = 98;
        }

        /// <summary>wwwroot-theme/logo.svg drawn with vectors: a green disc and a yellow bolt with a white edge (64-unit box).</summary>
        private void Logo(double x, double y, double size)
        {
            var k = size / 64;
            _g.DrawEllipse(new XPen(XColors.White, 1.5), new XSolidBrush(PrimaryDark), x + 2 * k, y + 2 * k, 60 * k, 60 * k);
            XPoint P(double px, double py) => new(x + px * k, y + py * k);
            _g.DrawPolygon(new XPen(XColors.White, 2 * k) { LineJoin = XLineJoin.Round }, new XSolidBrush(Bolt),
                [P(36, 8), P(18, 36), P(30, 36), P(26, 56), P(46, 26), P(34, 26)], XFillMode.Winding);
        }

        private void AccountAndAmount()
        {
            var a = d.Account;
            var rows = new (string, string)[]
            {
                (l["Account.Holder"], a.HolderNameMasked),
                (l["Account.Number"], a.AccountNumber),
                (l["Statement.Address"], a.AddressMasked),
                (l["Statement.Phone"], a.PhoneMasked),
                (l["Statement.Meter"], a.MeterNumber),
                (l["Statement.CustomerType"], l["CustomerType." + a.Type]),
                (l["Statement.Package"], StatementText.PackageName(l, d.PackageCode)),
                (l["Statement.BillingPeriod"], StatementText.Period(d)),
                (l["Statement.IssuedOn"], Format.Date(d.BillIssuedOn)),
            };
            var top = _y;
            var leftWidth = ContentWidth * 0.6;
            _g.DrawString(l["Statement.AccountSection"], _h2, new XSolidBrush(Primary), Margin, _y + 10);
            var y = _y + 26;
            foreach (var (label, value) in rows)
            {
                _g.DrawString(label, _body, new XSolidBrush(Muted), Margin, y);
                _g.DrawString(value, _body, new XSolidBrush(Text), Margin + 92, y);
                y += 14;
            }

            // Amount due panel.
            var px = Margin + leftWidth + 12;
            var pw = ContentWidth - leftWidth - 12;
            _g.DrawRoundedRectangle(new XPen(Primary, 1), new XSolidBrush(Tint), px, top, pw, 118, 8, 8);
            _g.DrawString(l["Statement.AmountDue"], _h2, new XSolidBrush(Primary), px + 12, top + 22);
            _g.DrawString(Format.Money(d.Balance.AmountDue), _big, new XSolidBrush(Text), px + 12, top + 52);
            _g.DrawString(l["Statement.DueDate"] + ": " + Format.Date(d.DueDate), _bold, new XSolidBrush(Accent), px + 12, top + 74);
            _g.DrawString(l["Statement.CurrentCharges"] + ": " + Format.Money(d.Balance.CurrentCharges), _body, new XSolidBrush(Text), px + 12, top + 92);
            _g.DrawString(l["Statement.TotalKwh"] + ": " + Format.BilledKwh(d.TotalKwh) + " kWh", _body, new XSolidBrush(Text), px + 12, top + 106);
            _y = Math.Max(y, top + 118) + 8;
        }

        private void Section(string title)
        {
            Need(40);
            _g.DrawString(title, _h2, new XSolidBrush(Primary), Margin, _y + 10);
            _g.DrawLine(new XPen(Primary, 0.8), Margin, _y + 15, PageWidth - Margin, _y + 15);
            _y += 25;
        }

        /// <summary>A table: the first column left-aligned, the others right-aligned; a bold last row when <paramref name="totalRow"/>.</summary>
        private void Table(double x, double width, double[] columns, string[] head, IReadOnlyList<string[]> rows, bool totalRow = false)
        {
            const double rowHeight = 14;
            Need(rowHeight * Math.Min(rows.Count + 1, 4));
            void Row(string[] cells, XFont font, XBrush? fill)
            {
                Need(rowHeight);
                if (fill is not null) _g.DrawRectangle(fill, x, _y - 10, width, rowHeight);
                var cx = x;
                for (var i = 0; i < cells.Length; i++)
                {
                    var w = columns[i] * width;
                    var rect = new XRect(cx + 4, _y - 10, w - 8, rowHeight);
                    _g.DrawString(cells[i], font, new XSolidBrush(Text), rect, i == 0 ? XStringFormats.CenterLeft : XStringFormats.CenterRight);
                    cx += w;
                }
                _y += rowHeight;
            }
            Row(head, _bold, new XSolidBrush(Tint));
            for (var r = 0; r < rows.Count; r++)
            {
                var last = totalRow && r == rows.Count - 1;
                if (last) _g.DrawLine(new XPen(Text, 0.6), x, _y - 10, x + width, _y - 10);
                Row(rows[r], last ? _bold : _body, null);
            }
            _y += 6;
        }

        private void Readings()
        {
            Section(l["Statement.ReadingsSection"]);
            Table(Margin, ContentWidth, [0.4, 0.2, 0.2, 0.2],
                [l["Statement.Meter"], l["Statement.ReadingStart"], l["Statement.ReadingEnd"], l["Statement.ReadingUsed"]],
                [[d.Account.MeterNumber, Kwh(d.Readings.StartKwh), Kwh(d.Readings.EndKwh), Kwh(d.Readings.UsedKwh)]]);
        }

        private static string Kwh(decimal v) => Format.BilledKwh(v);

        private void Split()
        {
            if (d.KwhByPeriod.Count == 0 && d.KwhByTier.Count == 0) return;
            Section(l["Statement.SplitSection"]);
            var top = _y;
            var half = (ContentWidth - 16) / 2;
            var bottom = _y;
            if (d.KwhByPeriod.Count > 0)
            {
                Table(Margin, half, [0.55, 0.45], [l["Statement.TouPeriod"], "kWh"],
                    d.KwhByPeriod.Select(p => new[] { StatementText.Period(l, p.Period), Kwh(p.Kwh) }).ToList());
                bottom = _y;
                _y = top;
            }
            if (d.KwhByTier.Count > 0)
            {
                var x = d.KwhByPeriod.Count > 0 ? Margin + half + 16 : Margin;
                Table(x, half, [0.55, 0.45], [l["Statement.TierColumn"], "kWh"],
                    d.KwhByTier.Select(t => new[] { StatementText.Tier(l, t.Tier), Kwh(t.Kwh) }).ToList());
            }
            _y = Math.Max(_y, bottom);
        }

        private void Lines()
        {
            Section(l["Statement.LinesSection"]);
            var rows = d.Lines.Select(x => new[]
            {
                StatementText.Line(l, x), StatementText.Quantity(x), StatementText.Unit(l, x), StatementText.UnitPrice(x), Format.Money(x.Amount),
            }).ToList();
            rows.Add([l["Statement.CurrentCharges"], "", "", "", Format.Money(d.Balance.CurrentCharges)]);
            Table(Margin, ContentWidth, [0.40, 0.16, 0.12, 0.14, 0.18],
                [l["Statement.Item"], l["Statement.Quantity"], l["Statement.Unit"], l["Statement.UnitPrice"], l["Statement.Amount"]], rows, totalRow: true);
        }

        private void Balance()
        {
            Section(l["Statement.BalanceSection"]);
            var b = d.Balance;
            var rows = new List<string[]> { new[] { l["Statement.PreviousBalance"], Format.Money(b.PreviousBalance) } };
            foreach (var p in b.PaymentsReceived)
                rows.Add([l["Statement.PaymentOn", Format.Date(p.PaidOn), StatementText.Channel(l, p.Channel)], "−" + Format.Money(p.Amount)]);
            if (b.PaymentsReceived.Count == 0) rows.Add([l["Statement.NoPayments"], Format.Money(0)]);
            rows.Add([l["Statement.CurrentCharges"], "+" + Format.Money(b.CurrentCharges)]);
            rows.Add([l["Statement.AmountDue"], Format.Money(b.AmountDue)]);
            Table(Margin, ContentWidth, [0.75, 0.25], [l["Statement.Item"], l["Statement.Amount"]], rows, totalRow: true);
        }

        private void Instalments()
        {
            if (d.Instalments.Count == 0) return;
            Section(l["Financing.Title"]);
            Table(Margin, ContentWidth, [0.2, 0.5, 0.3], [l["Financing.Number"], l["Financing.DueOn"], l["Statement.Amount"]],
                d.Instalments.Select(i => new[] { i.Number.ToString(CultureInfo.InvariantCulture), Format.Date(i.DueOn), Format.Money(i.Amount) }).ToList());
        }

        private void Chart()
        {
            const double height = 95;
            Need(height + 60);
            Section(l["Statement.ChartSection"]);
            _y += 8;
            var months = d.UsageHistory;
            var max = Math.Max(1m, months.Max(m => m.Kwh));
            var scale = NiceCeiling((double)max);
            var left = Margin + 44;
            var width = ContentWidth - 44;
            var baseY = _y + height;
            var gridPen = new XPen(Border, 0.5);
            for (var i = 0; i <= 4; i++)
            {
                var gy = baseY - height * i / 4;
                _g.DrawLine(gridPen, left, gy, left + width, gy);
                _g.DrawString((scale * i / 4).ToString("#,##0", CultureInfo.CurrentCulture), _small, new XSolidBrush(Muted),
                    new XRect(Margin, gy - 5, 40, 10), XStringFormats.CenterRight);
            }
            _g.DrawString("kWh", _small, new XSolidBrush(Muted), Margin, _y - 9);
            var slot = width / months.Count;
            for (var i = 0; i < months.Count; i++)
            {
                var m = months[i];
                var h = height * (double)m.Kwh / scale;
                var x = left + i * slot + slot * 0.18;
                var color = i == months.Count - 1 ? Primary : Secondary;
                if (m.HasData && h > 0) _g.DrawRectangle(new XSolidBrush(m.Estimated ? Accent : color), x, baseY - h, slot * 0.64, h);
                if (m.HasData)
                    _g.DrawString(m.Kwh.ToString("#,##0", CultureInfo.CurrentCulture), _small, new XSolidBrush(Text),
                        new XRect(left + i * slot, baseY - h - 11, slot, 10), XStringFormats.Center);
                _g.DrawString(MonthLabel(m.Month), _small, new XSolidBrush(Muted), new XRect(left + i * slot, baseY + 2, slot, 10), XStringFormats.Center);
            }
            _y = baseY + 18;
            if (months.Any(m => m.Estimated))
            {
                _g.DrawRectangle(new XSolidBrush(Accent), left, _y - 6, 8, 6);
                _g.DrawString(l["Statement.ChartEstimated"], _small, new XSolidBrush(Muted), left + 12, _y);
                _y += 10;
            }
            _y += 6;
        }

        private static string MonthLabel(DateOnly m) => CultureInfo.CurrentCulture.Name.StartsWith("zh", StringComparison.Ordinal)
            ? (m.Month == 1 ? $"{m.Year % 100:00}年1月" : $"{m.Month}月")
            : m.ToString(m.Month == 1 ? "MMM yy" : "MMM", CultureInfo.CurrentCulture);

        private static double NiceCeiling(double max)
        {
            var magnitude = Math.Pow(10, Math.Floor(Math.Log10(max)));
            foreach (var step in new[] { 1, 2, 2.5, 5, 10 })
                if (step * magnitude >= max) return step * magnitude;
            return 10 * magnitude;
        }

        private void Notes()
        {
            Section(l["Statement.TipSection"]);
            Paragraph(StatementText.Tip(l, d.Tip), _body, Text);
            if (d.Credit is { } c)
            {
                Paragraph(l["Statement.CreditSection"] + ": " + l["Statement.CreditTier", c.Tier, c.Score?.ToString("0", CultureInfo.CurrentCulture) ?? "—"], _bold, Text);
                if (c.PrivilegeKeys.Count > 0) Paragraph(string.Join(" · ", c.PrivilegeKeys.Select(p => l[p].Value)), _body, Text);
            }
            if (d.Manager is { } m)
                Paragraph(l["Statement.ManagerSection"] + ": " + string.Join(" · ", new[] { m.Name, m.Phone, m.Hours }.Where(s => !string.IsNullOrWhiteSpace(s))), _bold, Text);
            // The footer always carries the link; the sentence with the hotline goes in only where it does not start a page.
            if (_y + 14 <= PageHeight - Margin - 24) Paragraph(l["Statement.OnlineText", d.PortalLink], _small, Muted);
        }

        /// <summary>Wraps text to the content width (by character, which suits Chinese and is good enough for the English tips).</summary>
        private void Paragraph(string text, XFont font, XColor color)
        {
            var brush = new XSolidBrush(color);
            var line = "";
            foreach (var word in SplitKeepingWords(text))
            {
                if (line.Length > 0 && _g.MeasureString(line + word, font).Width > ContentWidth)
                {
                    Need(13);
                    _g.DrawString(line.TrimEnd(), font, brush, Margin, _y);
                    _y += 13;
                    line = word.TrimStart();
                }
                else line += word;
            }
            Need(13);
            _g.DrawString(line, font, brush, Margin, _y);
            _y += 14;
        }

        /// <summary>Latin words stay whole (with their following space); each CJK character is its own break point.</summary>
        private static IEnumerable<string> SplitKeepingWords(string text)
        {
            var current = new System.Text.StringBuilder();
            foreach (var ch in text)
            {
                if (ch > 0x2E80)
                {
                    if (current.Length > 0) { yield return current.ToString(); current.Clear(); }
                    yield return ch.ToString();
                }
                else
                {
                    current.Append(ch);
                    if (ch == ' ') { yield return current.ToString(); current.Clear(); }
                }
            }
            if (current.Length > 0) yield return current.ToString();
        }
    }
}
