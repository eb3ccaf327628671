using System.Text.Json;
using System.Text.Json.Serialization;

namespace Portal.Domain.Complaints;

/// <summary>
/// Stores a routing configuration as one JSON document (enums as names, so the file stays readable and
/// survives enum reordering). Deserializing validates: a stored document that no longer passes is refused.
/// </summary>
public static class RoutingRulesJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter() },
    };

    public static string Serialize(RoutingSettings settings) => JsonSerializer.Serialize(settings, Options);

    public static RoutingRules Deserialize(string json)
    {
        var settings = JsonSerializer.Deserialize<RoutingSettings>(json, Options)
            ?? throw new JsonException("The routing document is empty.");
        return RoutingRules.Create(settings);
    }
}
