using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;
using Portal.Resources;

namespace Portal.Components.Account;

/// <summary>Turns Identity's English error descriptions into localized, user-facing sentences (by error code).</summary>
internal static class IdentityErrorText
{
    public static string Describe(IStringLocalizer<SharedResource> L, IEnumerable<IdentityError> errors) =>
        string.Join(" ", errors.Select(e => e.Code switch
        {
            "PasswordMismatch" => L["Account.Error.WrongPassword"].Value,
            "PasswordTooShort" => L["Register.PasswordTooShort"].Value,
            "InvalidToken" => L["Account.Error.InvalidToken"].Value,
            "DuplicateEmail" or "DuplicateUserName" => L["Account.Error.EmailInUse"].Value,
            "InvalidEmail" or "InvalidUserName" => L["Register.EmailInvalid"].Value,
            "UserAlreadyHasPassword" => L["Account.Error.AlreadyHasPassword"].Value,
            "LoginAlreadyAssociated" => L["Account.Error.LoginInUse"].Value,
            "ConcurrencyFailure" => L["Account.Error.Concurrency"].Value,
            _ => L["Account.Error.Generic"].Value,
        }).Distinct());

    /// <summary>The same text with the localized "Error:" prefix, for StatusMessage.</summary>
    public static string AsStatus(IStringLocalizer<SharedResource> L, IEnumerable<IdentityError> errors) =>
        L["Account.Status.ErrorWith", Describe(L, errors)];
}
