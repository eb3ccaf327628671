using System.Collections.Concurrent;
using Portal.Domain.Tariffs;

namespace Portal.Features.Tariffs;

/// <summary>
/// The tariff packages in force. For now the catalogue is the seeded JSON definitions shipped with the app
/// (Features/Tariffs/SeedPackages); the admin catalogue with versions and publishing replaces the source
/// without changing callers.
/// </summary>
public sealed class TariffCatalog
{
    private readonly Lazy<IReadOnlyDictionary<string, TariffPackage>> _packages;
    private readonly ConcurrentDictionary<string, CompiledTariff> _compiled = new();

    public TariffCatalog() : this(Path.Combine(AppContext.BaseDirectory, "Features", "Tariffs", "SeedPackages")) { }

    public TariffCatalog(string folder) =>
        _packages = new(() => Directory.EnumerateFiles(folder, "*.json")
            .Select(f => TariffPackageJson.Deserialize(File.ReadAllText(f)))
            .ToDictionary(p => p.Code, StringComparer.OrdinalIgnoreCase));

    public IReadOnlyCollection<TariffPackage> All => _packages.Value.Values.OrderBy(p => p.Code).ToList();

    public TariffPackage Get(string code) =>
        _packages.Value.TryGetValue(code, out var p) ? p : throw new KeyNotFoundException($"Tariff package '{code}' is not in the catalogue.");

    public bool TryGet(string code, out TariffPackage? package) => _packages.Value.TryGetValue(code, out package);

    public CompiledTariff Compiled(string code) => _compiled.GetOrAdd(code, c => CompiledTariff.Compile(Get(c)));
}
