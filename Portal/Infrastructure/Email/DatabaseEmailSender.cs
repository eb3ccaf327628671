using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Portal.Data;

namespace Portal.Infrastructure.Email;

/// <summary>
/// The outbox: every message is stored first (admins read them on the internal endpoint at /backoffice/mail), and
/// <see cref="EmailDeliveryJob"/> delivers it through the SMTP server when Email:Smtp:Host is set. Without one the
/// table is the development sink.
/// </summary>
public sealed class DatabaseEmailSender(IDbContextFactory<AppDbContext> dbFactory, TimeProvider clock)
    : IEmailSender<ApplicationUser>, IPortalEmailSender
{
    public Task SendConfirmationLinkAsync(ApplicationUser user, string email, string confirmationLink) =>
        SendAsync(email, Subject(user, "确认您的邮箱", "Confirm your email"),
            Body(user, $"请点击 <a href=\"{confirmationLink}\">此链接</a> 确认您的账户。", $"Please confirm your account by <a href=\"{confirmationLink}\">clicking here</a>."));

    public Task SendPasswordResetLinkAsync(ApplicationUser user, string email, string resetLink) =>
        SendAsync(email, Subject(user, "重置密码", "Reset your password"),
            Body(user, $"请点击 <a href=\"{resetLink}\">此链接</a> 重置密码。", $"Please reset your password by <a href=\"{resetLink}\">clicking here</a>."));

    public Task SendPasswordResetCodeAsync(ApplicationUser user, string email, string resetCode) =>
        SendAsync(email, Subject(user, "重置密码", "Reset your password"),
            Body(user, $"您的密码重置代码：{resetCode}", $"Your password reset code is: {resetCode}"));

    public async Task SendAsync(string to, string subject, string htmlBody, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        db.EmailMessages.Add(new EmailMessage { To = to, Subject = subject, HtmlBody = htmlBody, CreatedAtUtc = clock.GetUtcNow().UtcDateTime });
        await db.SaveChangesAsync(ct);
    }

    private static string Subject(ApplicationUser user, string zh, string en) => IsZh(user) ? $"国网奎屯供电 · {zh}" : $"PowerMarketing · {en}";
    private static string Body(ApplicationUser user, string zh, string en) => IsZh(user) ? zh : en;
    private static bool IsZh(ApplicationUser user) => user.PreferredCulture.StartsWith("zh", StringComparison.OrdinalIgnoreCase);
}

public interface IPortalEmailSender
{
    Task SendAsync(string to, string subject, string htmlBody, CancellationToken ct = default);
}
