using MudBlazor;
using MudBlazor.Services;

namespace Dashboard.Web.Hosting;

public static class UiExtensions
{
    public static IServiceCollection AddDashboardUi(this IServiceCollection services)
    {
        services.AddRazorComponents().AddInteractiveServerComponents();
        // The JSON API speaks snake_case, as Spotify's does.
        services.ConfigureHttpJsonOptions(options =>
        {
            options.SerializerOptions.PropertyNamingPolicy = System.Text.Json.JsonNamingPolicy.SnakeCaseLower;
            options.SerializerOptions.Converters.Add(
                new System.Text.Json.Serialization.JsonStringEnumConverter(
                        System.Text.Json.JsonNamingPolicy.SnakeCaseLower));
        });
        services.AddScoped<Components.Shared.ChosenPeriod>();
        services.AddMudServices(config =>
        {
            config.SnackbarConfiguration.PositionClass = Defaults.Classes.Position.BottomRight;
            config.SnackbarConfiguration.ShowTransitionDuration = 200;
        });
        return services;
    }
}
