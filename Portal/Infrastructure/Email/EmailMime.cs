using System.Text;
using AngleSharp.Html.Parser;
using MimeKit;
using Portal.Data;

namespace Portal.Infrastructure.Email;

/// <summary>Builds the MIME message for a stored email: an HTML part and its plain-text twin, and a Message-ID fixed by the row id.</summary>
public static class EmailMime
{
    public static MimeMessage Build(EmailMessage row, SmtpOptions smtp)
    {
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress(smtp.FromName, smtp.FromAddress));
        message.To.Add(MailboxAddress.Parse(row.To));
        message.Subject = row.Subject;
        message.MessageId = MessageId(row.Id, smtp.FromAddress);
        message.Date = new DateTimeOffset(DateTime.SpecifyKind(row.CreatedAtUtc, DateTimeKind.Utc));
        message.Body = new BodyBuilder { HtmlBody = row.HtmlBody, TextBody = PlainText(row.HtmlBody) }.ToMessageBody();
        if (row.UnsubscribeUrl is { } unsubscribe)
        {
            // RFC 2369 and RFC 8058: mail clients show an unsubscribe button that POSTs to this address, no sign-in needed.
            message.Headers.Add(HeaderId.ListUnsubscribe, $"<{unsubscribe}>");
            message.Headers.Add("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        }
        return message;
    }

    /// <summary>One Message-ID per outbox row: a receiving system can recognise the same message.</summary>
    public static string MessageId(long id, string fromAddress)
    {
        var at = fromAddress.LastIndexOf('@');
        var domain = at >= 0 && at < fromAddress.Length - 1 ? fromAddress[(at + 1)..] : "powermarketing.local";
        return $"pm-{id}@{domain}";
    }

    /// <summary>The text a plain-text mail reader shows: links written out after their text, paragraphs and breaks as new lines.</summary>
    public static string PlainText(string html)
    {
        var document = new HtmlParser().ParseDocument($"<body>{html}</body>");
        foreach (var link in document.QuerySelectorAll("a[href]").ToList())
        {
            var href = link.GetAttribute("href")!;
            var text = link.TextContent.Trim();
            link.TextContent = text.Length == 0 || text == href ? href : $"{text} ({href})";
        }
        foreach (var br in document.QuerySelectorAll("br").ToList()) br.Replace(document.CreateTextNode("\n"));
        foreach (var block in document.QuerySelectorAll("p, div, li, tr, h1, h2, h3").ToList()) block.Append(document.CreateTextNode("\n"));
        var lines = document.Body!.TextContent.Replace("\r", "").Split('\n').Select(l => l.Trim());
        var sb = new StringBuilder();
        var blank = false;
        foreach (var line in lines)
        {
            if (line.Length == 0) { blank = sb.Length > 0; continue; }
            if (blank) sb.Append('\n');
            sb.Append(line).Append('\n');
            blank = false;
        }
        return sb.ToString().TrimEnd('\n');
    }
}
