using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace Portal.E2E.Sweep;

/// <summary>
/// The page routes of the built Portal.dll: every <c>[Route]</c> (Razor <c>@page</c>) template, read from the assembly's
/// metadata so the E2E project needs no reference to the app.
/// </summary>
public static class RouteTable
{
    public static IReadOnlySet<string> PageTemplates(string portalDll)
    {
        using var stream = File.OpenRead(portalDll);
        using var pe = new PEReader(stream);
        var md = pe.GetMetadataReader();
        var templates = new HashSet<string>(StringComparer.Ordinal);
        foreach (var handle in md.CustomAttributes)
        {
            var attribute = md.GetCustomAttribute(handle);
            if (attribute.Constructor.Kind != HandleKind.MemberReference) continue;
            var ctor = md.GetMemberReference((MemberReferenceHandle)attribute.Constructor);
            if (ctor.Parent.Kind != HandleKind.TypeReference) continue;
            var type = md.GetTypeReference((TypeReferenceHandle)ctor.Parent);
            if (md.GetString(type.Name) != "RouteAttribute" || md.GetString(type.Namespace) != "Microsoft.AspNetCore.Components") continue;
            var blob = md.GetBlobReader(attribute.Value);
            if (blob.ReadUInt16() != 1) continue;   // custom attribute prolog
            templates.Add(blob.ReadSerializedString()!);
        }
        return templates;
    }
}
