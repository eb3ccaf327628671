namespace Portal.E2E.Sweep;

/// <summary>Who opens a page in the sweep: a demo login (or nobody) and so which endpoint.</summary>
public enum Visitor { Anonymous, Household, Business, Manager, Handler, Admin }

/// <summary>One page of the app as the sweep visits it: the route template and the visitor who can see it.</summary>
public sealed record CatalogPage(string Template, Visitor Visitor)
{
    public bool Internal => Visitor is Visitor.Handler or Visitor.Admin;
    public string Email => Visitor switch
    {
        Visitor.Household => "household@demo.local",
        Visitor.Business => "business@demo.local",
        Visitor.Manager => "manager@demo.local",
        Visitor.Handler => "handler@demo.local",
        Visitor.Admin => "admin@demo.local",
        _ => "",
    };

    /// <summary>A file-name friendly name: the template without parameters, slashes as dashes.</summary>
    public string Slug
    {
        get
        {
            var path = System.Text.RegularExpressions.Regex.Replace(Template, "\\{[^}]*\\}", "id").Trim('/').Replace('/', '-').ToLowerInvariant();
            return (path == "" ? "home" : path) + "-" + Visitor.ToString().ToLowerInvariant();
        }
    }
}

/// <summary>
/// Every page of the app with the visitor who opens it in the accessibility and phone sweep. A test compares the
/// templates with the route table of the built Portal.dll, so a new page fails the suite until it is listed here.
/// </summary>
public static class PageCatalog
{
    public static readonly CatalogPage[] All =
    [
        // Customers, public endpoint.
        new("/", Visitor.Household),
        new("/", Visitor.Business),
        new("/accounts", Visitor.Household),
        new("/usage", Visitor.Business),
        new("/usage/{AccountId:guid}", Visitor.Household),
        new("/usage/{AccountId:guid}", Visitor.Business),
        new("/bills", Visitor.Household),
        new("/bills/{BillId:guid}", Visitor.Household),
        new("/statements", Visitor.Household),
        new("/statements/{Id:guid}", Visitor.Household),
        new("/tariffs", Visitor.Business),
        new("/tariffs/{AccountId:guid}", Visitor.Household),
        new("/tariffs/{AccountId:guid}", Visitor.Business),
        new("/credit", Visitor.Household),
        new("/credit/{AccountId:guid}", Visitor.Household),
        new("/hazards", Visitor.Household),
        new("/activities", Visitor.Household),
        new("/complaints", Visitor.Household),
        new("/complaints/new", Visitor.Household),
        new("/complaints/{Id:guid}", Visitor.Household),
        new("/settings/notifications", Visitor.Household),
        // Customer manager, public endpoint.
        new("/", Visitor.Manager),
        new("/manager", Visitor.Manager),
        new("/manager/{AccountId:guid}", Visitor.Manager),
        // Complaint handler, internal endpoint.
        new("/", Visitor.Handler),
        new("/backoffice", Visitor.Handler),
        new("/backoffice/complaints", Visitor.Handler),
        new("/backoffice/complaints/{Id:guid}", Visitor.Handler),
        new("/backoffice/field-ops", Visitor.Handler),
        new("/backoffice/field-ops/import", Visitor.Handler),
        new("/backoffice/hazards", Visitor.Handler),
        new("/backoffice/violations", Visitor.Handler),
        new("/backoffice/tariffs/switches", Visitor.Handler),
        new("/backoffice/statements", Visitor.Handler),
        new("/backoffice/service-requests", Visitor.Handler),
        // Admin, internal endpoint.
        new("/backoffice", Visitor.Admin),
        new("/backoffice/audit", Visitor.Admin),
        new("/backoffice/mail", Visitor.Admin),
        new("/backoffice/complaints/analytics", Visitor.Admin),
        new("/backoffice/marketing/associations", Visitor.Admin),
        new("/backoffice/campaigns", Visitor.Admin),
        new("/backoffice/campaigns/new", Visitor.Admin),
        new("/backoffice/campaigns/{Id:guid}", Visitor.Admin),
        new("/backoffice/planning", Visitor.Admin),
        new("/backoffice/complaints/rules", Visitor.Admin),
        new("/backoffice/calendar", Visitor.Admin),
        new("/backoffice/weather", Visitor.Admin),
        new("/backoffice/credit", Visitor.Admin),
        new("/backoffice/tariffs", Visitor.Admin),
        new("/backoffice/service-menu", Visitor.Admin),
        new("/backoffice/usage", Visitor.Admin),
        new("/backoffice/usage/import", Visitor.Admin),
        new("/backoffice/users", Visitor.Admin),
        // Identity pages (static SSR): anonymous ones without a login, the profile pages as the household.
        new("/Account/Login", Visitor.Anonymous),
        new("/Account/Register", Visitor.Anonymous),
        new("/Account/ForgotPassword", Visitor.Anonymous),
        new("/Account/ForgotPasswordConfirmation", Visitor.Anonymous),
        new("/Account/ResetPassword", Visitor.Anonymous),
        new("/Account/ResetPasswordConfirmation", Visitor.Anonymous),
        new("/Account/InvalidPasswordReset", Visitor.Anonymous),
        new("/Account/InvalidUser", Visitor.Anonymous),
        new("/Account/Lockout", Visitor.Anonymous),
        new("/Account/AccessDenied", Visitor.Anonymous),
        new("/unsubscribe", Visitor.Anonymous),
        new("/Account/ConfirmEmail", Visitor.Anonymous),
        new("/Account/ConfirmEmailChange", Visitor.Anonymous),
        new("/Account/RegisterConfirmation", Visitor.Anonymous),
        new("/Account/ResendEmailConfirmation", Visitor.Anonymous),
        new("/Account/LoginWith2fa", Visitor.Anonymous),
        new("/Account/LoginWithRecoveryCode", Visitor.Anonymous),
        new("/Account/ExternalLogin", Visitor.Anonymous),
        new("/Account/Manage", Visitor.Household),
        new("/Account/Manage/ChangePassword", Visitor.Household),
        new("/Account/Manage/DeletePersonalData", Visitor.Household),
        new("/Account/Manage/Disable2fa", Visitor.Household),
        new("/Account/Manage/Email", Visitor.Household),
        new("/Account/Manage/EnableAuthenticator", Visitor.Household),
        new("/Account/Manage/ExternalLogins", Visitor.Household),
        new("/Account/Manage/GenerateRecoveryCodes", Visitor.Household),
        new("/Account/Manage/Passkeys", Visitor.Household),
        new("/Account/Manage/PersonalData", Visitor.Household),
        new("/Account/Manage/SignOutEverywhere", Visitor.Household),
        new("/Account/Manage/RenamePasskey/{Id}", Visitor.Household),
        new("/Account/Manage/ResetAuthenticator", Visitor.Household),
        new("/Account/Manage/SetPassword", Visitor.Household),
        new("/Account/Manage/TwoFactorAuthentication", Visitor.Household),
        // Error pages.
        new("/Error", Visitor.Anonymous),
        new("/not-found", Visitor.Household),
    ];
}
