using Microsoft.AspNetCore.Identity;

namespace Portal.Data;

public class ApplicationUser : IdentityUser
{
    public string DisplayName { get; set; } = "";

    /// <summary>zh-CN or en-US; statements and emails use it.</summary>
    public string PreferredCulture { get; set; } = "zh-CN";

    /// <summary>A disabled login cannot sign in and its open circuits end at the next revalidation.</summary>
    public bool IsDisabled { get; set; }

    /// <summary>Staff contact shown to customers (customer managers).</summary>
    public string? WorkPhone { get; set; }

    public string? WorkHours { get; set; }

    public DateTime CreatedAtUtc { get; set; }
}

public static class Roles
{
    public const string Customer = "Customer";
    public const string ComplaintHandler = "ComplaintHandler";
    public const string CustomerManager = "CustomerManager";
    public const string Admin = "Admin";

    public static readonly string[] All = [Customer, ComplaintHandler, CustomerManager, Admin];
    public static readonly string[] Staff = [ComplaintHandler, CustomerManager, Admin];
    public const string StaffCsv = ComplaintHandler + "," + CustomerManager + "," + Admin;
}
