using MudBlazor;

namespace Lgsp.Portal.Components.Layout;

/// <summary>The portal's colours: the deep red and gold of Vietnamese state documents, on white.</summary>
internal static class PortalTheme
{
    public static MudTheme Theme { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#a3161a",
            Secondary = "#b8860b",
            AppbarBackground = "#a3161a",
            Background = "#f7f5f2",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography { FontFamily = ["Roboto", "Liberation Sans", "Arial", "sans-serif"] },
        },
    };
}
