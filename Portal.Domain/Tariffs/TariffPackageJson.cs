using System.Text.Json;
using System.Text.Json.Serialization;

namespace Portal.Domain.Tariffs;

/// <summary>
/// The one JSON shape of a package (seed files, admin editor, database column). camelCase, enums as strings so
/// the files stay readable and reordering an enum cannot silently change a tariff; nullable annotations are
/// respected so a "null" where the model has no null fails at load time instead of in the bill run.
/// </summary>
public static class TariffPackageJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        RespectNullableAnnotations = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter() },
    };

    public static string Serialize(TariffPackage package) => JsonSerializer.Serialize(package, Options);

    /// <exception cref="Common.DomainException">Code "Tariff.JsonInvalid" when the text is not a package.</exception>
    public static TariffPackage Deserialize(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<TariffPackage>(json, Options)
                   ?? throw new Common.DomainException("Tariff.JsonInvalid", "The JSON holds no package.");
        }
        catch (JsonException ex)
        {
            throw new Common.DomainException("Tariff.JsonInvalid", $"Tariff package JSON is invalid: {ex.Message}");
        }
    }
}
