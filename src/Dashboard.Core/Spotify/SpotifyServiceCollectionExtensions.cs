using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Dashboard.Core.Spotify;

public static class SpotifyServiceCollectionExtensions
{
    /// <summary>The Spotify options, token store, request budget and the Web API client with its HttpClients.</summary>
    public static IServiceCollection AddDashboardSpotify(this IServiceCollection services)
    {
        services.AddOptions<SpotifyOptions>().BindConfiguration(SpotifyOptions.SectionName).ValidateDataAnnotations()
            .ValidateOnStart();

        services.AddSingleton<SpotifyTokenStore>();
        services.AddSingleton<SpotifyRequestBudget>();
        services.AddSingleton<SpotifyTokenEndpoint>();
        services.AddSingleton<SpotifyAccessTokens>();
        services.AddSingleton<SpotifyApi>();
        services.AddSingleton(provider => new SpotifyClient(provider.GetRequiredService<SpotifyApi>()));

        services.AddTransient<ApiCallLogHandler>();
        // Handlers run in the order added: the resilience pipeline outside, so the call log sees every attempt.
        var api = services.AddHttpClient(SpotifyHttpClients.Api,
            http => http.Timeout = Timeout.InfiniteTimeSpan); // the pipeline times calls
        api.AddResilienceHandler(SpotifyResilience.PipelineName, SpotifyResilience.Configure);
        api.AddHttpMessageHandler<ApiCallLogHandler>();
        services.AddHttpClient(SpotifyHttpClients.Accounts)
            .ConfigureHttpClient((provider, http) =>
                http.Timeout = provider.GetRequiredService<IOptions<SpotifyOptions>>().Value.RequestTimeout)
            .AddHttpMessageHandler<ApiCallLogHandler>();
        return services;
    }
}
