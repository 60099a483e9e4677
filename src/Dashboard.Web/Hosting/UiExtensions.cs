using MudBlazor;
using MudBlazor.Services;

namespace Dashboard.Web.Hosting;

public static class UiExtensions
{
    public static IServiceCollection AddDashboardUi(this IServiceCollection services)
    {
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddMudServices(config =>
        {
            config.SnackbarConfiguration.PositionClass = Defaults.Classes.Position.BottomRight;
            config.SnackbarConfiguration.ShowTransitionDuration = 200;
        });
        return services;
    }
}
