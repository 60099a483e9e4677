using MudBlazor;

namespace Dashboard.Web.Components.Layout;

/// <summary>
/// The app's look: Spotify's green on calm neutrals, in light and dark. On white, text and controls take a deeper green
/// and deeper status colours, which read at 4.5:1 or more (WCAG AA); the brand green stays for charts.
/// </summary>
public static class DashboardTheme
{
    public static readonly string[] FontFamily =
        ["Inter", "system-ui", "-apple-system", "Segoe UI", "Roboto", "Helvetica Neue", "Arial", "sans-serif"];

    public static readonly MudTheme Theme = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#0F7A38",
            PrimaryContrastText = "#FFFFFF",
            Secondary = "#6C5CE7",
            Tertiary = "#FF7A59",
            Info = "#1A66C9",
            Success = "#0B6B30",
            Warning = "#944A00",
            Error = "#C62828",
            Background = "#F6F7F9",
            Surface = "#FFFFFF",
            AppbarBackground = "#FFFFFF",
            AppbarText = "#191414",
            DrawerBackground = "#FFFFFF",
            DrawerText = "#3A3A3A",
            DrawerIcon = "#5F6368",
            TextPrimary = "#191414",
            TextSecondary = "#5F6368",
            LinesDefault = "#E6E8EB",
            TableLines = "#E6E8EB",
            Divider = "#E6E8EB",
            ActionDefault = "#5F6368",
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#1ED760",
            PrimaryContrastText = "#000000",
            Secondary = "#A29BFE",
            Tertiary = "#FF9F80",
            Info = "#56A0F5",
            Background = "#0F1012",
            Surface = "#181A1D",
            AppbarBackground = "#131416",
            AppbarText = "#F1F1F1",
            DrawerBackground = "#131416",
            DrawerText = "#D6D6D6",
            DrawerIcon = "#A0A4AA",
            TextPrimary = "#F1F1F1",
            TextSecondary = "#A0A4AA",
            LinesDefault = "#2A2D31",
            TableLines = "#2A2D31",
            Divider = "#2A2D31",
            ActionDefault = "#A0A4AA",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography { FontFamily = FontFamily },
            H4 = new H4Typography { FontWeight = "700", LetterSpacing = "-0.02em" },
            H5 = new H5Typography { FontWeight = "700", LetterSpacing = "-0.01em" },
            H6 = new H6Typography { FontWeight = "600" },
            Button = new ButtonTypography { TextTransform = "none", FontWeight = "600" },
        },
        LayoutProperties = new LayoutProperties { DefaultBorderRadius = "12px", DrawerWidthLeft = "240px" },
    };
}
