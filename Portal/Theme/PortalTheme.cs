using MudBlazor;

namespace Portal.Theme;

/// <summary>The MudBlazor theme; its palette repeats wwwroot-theme/theme.css (change both together).</summary>
public static class PortalTheme
{
    public static readonly MudTheme Value = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#0b6e4f",
            PrimaryDarken = "#08503a",
            Secondary = "#1f5f99",
            Tertiary = "#ad5300",
            Warning = "#ad5300",
            Error = "#b3261e",
            Success = "#2e7d32",
            Info = "#1f5f99",
            AppbarBackground = "#0b6e4f",
            Background = "#f4f7f6",
            TextPrimary = "#1b2a27",
            TextSecondary = "#4a5a56",
            DrawerText = "#1b2a27",
            DrawerIcon = "#0b6e4f",
            LinesDefault = "#c9d6d2",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography
            {
                FontFamily = ["Noto Sans SC", "PingFang SC", "Microsoft YaHei", "WenQuanYi Micro Hei", "system-ui", "sans-serif"],
            },
        },
        LayoutProperties = new LayoutProperties { DefaultBorderRadius = "8px" },
    };
}
