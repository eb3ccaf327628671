namespace Portal.Domain.Common;

/// <summary>Masks personal data for lists, PDFs and logs (DOMAIN.md: "138****5678").</summary>
public static class Masking
{
    public static string Phone(string? phone)
    {
        if (string.IsNullOrWhiteSpace(phone)) return string.Empty;
        var p = phone.Trim();
        return p.Length < 7 ? new string('*', p.Length) : p[..3] + new string('*', p.Length - 7) + p[^4..];
    }

    /// <summary>Keeps the first and last character of a name: 张三丰 → 张*丰, Li → L*.</summary>
    public static string Name(string? name)
    {
        if (string.IsNullOrWhiteSpace(name)) return string.Empty;
        var n = name.Trim();
        return n.Length switch
        {
            1 => "*",
            2 => n[0] + "*",
            _ => n[0] + new string('*', n.Length - 2) + n[^1],
        };
    }

    /// <summary>Keeps the district-level start of an address and hides the detail (street, building, room).</summary>
    public static string Address(string? address, int keep = 6)
    {
        if (string.IsNullOrWhiteSpace(address)) return string.Empty;
        var a = address.Trim();
        return a.Length <= keep ? a : a[..keep] + "****";
    }

    public static string IdNumber(string? id)
    {
        if (string.IsNullOrWhiteSpace(id)) return string.Empty;
        var s = id.Trim();
        return s.Length <= 8 ? new string('*', s.Length) : s[..4] + new string('*', s.Length - 8) + s[^4..];
    }

    public static string Email(string? email)
    {
        if (string.IsNullOrWhiteSpace(email)) return string.Empty;
        var at = email.IndexOf('@');
        if (at <= 0) return new string('*', email.Length);
        return email[0] + "***" + email[at..];
    }
}
