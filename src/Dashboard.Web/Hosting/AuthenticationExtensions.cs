using System.Security.Claims;
using Dashboard.Core.Accounts;
using Dashboard.Core.Spotify;
using Dashboard.Web.Auth;
using Dashboard.Web.Demo;
using Dashboard.Web.Platform;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OAuth;
using Microsoft.Extensions.Options;

namespace Dashboard.Web.Hosting;

public static class AuthenticationExtensions
{
    /// <summary>
    /// Cookie sign-in through Spotify's authorization code flow with PKCE; demo mode uses the emulator.
    /// </summary>
    /// <summary>How long a sign-in lasts after the last visit (the README says so).</summary>
    public static readonly TimeSpan SignInLifetime = TimeSpan.FromDays(30);

    public static IServiceCollection AddDashboardAuthentication(this IServiceCollection services)
    {
        services.AddSingleton<DemoSpotify>();
        services.AddHostedService(provider => provider.GetRequiredService<DemoSpotify>());
        services.AddSingleton<DemoHistory>();

        // Core binds and validates the section; demo mode points it at the emulator.
        services.AddOptions<SpotifyOptions>()
            .PostConfigure<DemoSpotify>((options, demo) =>
            {
                if (demo.IsEnabled)
                {
                    options.IsDemo = true;
                    options.ClientId = DemoSpotify.ClientId;
                    options.ClientSecret = DemoSpotify.ClientSecret;
                    options.AccountsBaseUrl = demo.BaseUrl;
                    options.ApiBaseUrl = demo.BaseUrl;
                }
            })
            .Validate<DemoSpotify>((o, demo) => demo.IsEnabled || !string.IsNullOrWhiteSpace(o.ClientId),
                "No Spotify app is configured. Set Spotify:ClientId and Spotify:ClientSecret to your app's (from " +
                "developer.spotify.com), " +
                "or set Spotify:Demo=true to run the demo, where every visitor signs in to one shared demo account " +
                "with generated " +
                "listening history.")
            .Validate<DemoSpotify>((_, demo) => !(demo.IsEnabled && demo.HasSpotifyApp),
                "Spotify:Demo=true and Spotify:ClientId are both set. " +
                "Remove Spotify:Demo to sign in with your Spotify app, " +
                "or Spotify:ClientId to run the demo.")
            .Validate(o => string.IsNullOrWhiteSpace(o.ClientId) || !string.IsNullOrWhiteSpace(o.ClientSecret),
                "Spotify:ClientSecret is required when Spotify:ClientId is set. " +
                "Copy it from your app on developer.spotify.com.");

        services.AddScoped<SpotifySignIn>();
        services.AddScoped<CurrentUser>();
        services.AddSingleton<Components.Shared.ImportActivity>();
        services.AddCascadingAuthenticationState();
        services.AddAuthorization();
        services.AddAuthentication(options =>
            {
                options.DefaultScheme = ApiTokenAuthentication.CookieOrToken;
                options.DefaultSignInScheme = CookieAuthenticationDefaults.AuthenticationScheme;
            })
            .AddPolicyScheme(ApiTokenAuthentication.CookieOrToken, "Cookie or API token",
                options => options.ForwardDefaultSelector = ApiTokenAuthentication.SchemeFor)
            .AddScheme<AuthenticationSchemeOptions, ApiTokenAuthenticationHandler>(ApiTokenAuthentication.Scheme,
                "API token", _ => { })
            .AddCookie(options =>
            {
                options.Cookie.Name = "dashboard.auth";
                options.Cookie.SameSite = SameSiteMode.Lax;
                options.Cookie.HttpOnly = true;
                options.LoginPath = "/signin";
                // Signed in for 30 days from the last visit: the cookie is renewed once half of that has passed.
                options.ExpireTimeSpan = SignInLifetime;
                options.SlidingExpiration = true;
                options.Events.OnValidatePrincipal = RejectUnknownUsers;
                options.Events.OnRedirectToLogin = context => ApiOrRedirect(context, StatusCodes.Status401Unauthorized);
                options.Events.OnRedirectToAccessDenied = context =>
                    ApiOrRedirect(context, StatusCodes.Status403Forbidden);
            })
            .AddOAuth(SpotifyAuthentication.Scheme, "Spotify", _ => { });

        services.AddOptions<OAuthOptions>(SpotifyAuthentication.Scheme)
            .Configure<IOptions<SpotifyOptions>>((options, spotifyOptions) =>
            {
                var spotify = spotifyOptions.Value;
                options.ClientId = spotify.ClientId!;
                options.ClientSecret = spotify.ClientSecret!;
                options.AuthorizationEndpoint = $"{spotify.AccountsBaseUrl.TrimEnd('/')}/authorize";
                options.TokenEndpoint = $"{spotify.AccountsBaseUrl.TrimEnd('/')}/api/token";
                options.CallbackPath = SpotifyAuthentication.CallbackPath;
                options.UsePkce = true;
                options.SaveTokens = false; // tokens live encrypted in the database, not in the cookie
                // Spotify comes back with a top-level GET, which Lax cookies survive; SameSite=None would need
                // Secure, and "Secure" cookies are dropped on plain-http hosts other than the browser's loopback.
                options.CorrelationCookie.SameSite = SameSiteMode.Lax;
                options.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                options.Scope.Clear();
                foreach (var scope in spotify.Scopes)
                {
                    options.Scope.Add(scope);
                }
                options.Events.OnCreatingTicket = context =>
                    context.HttpContext.RequestServices.GetRequiredService<SpotifySignIn>().CompleteAsync(context);
                options.Events.OnRemoteFailure = context =>
                {
                    var error = context.Request.Query["error"].ToString() is { Length: > 0 } spotifyError ? spotifyError
                        : "failed";
                    context.HttpContext.RequestServices.GetRequiredService<ILogger<SpotifySignIn>>()
                        .LogWarning(context.Failure, "Spotify sign-in failed: {Error}", error);
                    context.Response.Redirect($"/signin?error={Uri.EscapeDataString(error)}");
                    context.HandleResponse();
                    return Task.CompletedTask;
                };
            });
        return services;
    }

    /// <summary>A cookie whose user no longer exists (database reset, account removed) signs out.</summary>
    private static async Task RejectUnknownUsers(CookieValidatePrincipalContext context)
    {
        var userId = context.Principal?.UserId();
        var spotifyId = context.Principal?.FindFirstValue(DashboardClaims.SpotifyId);
        var accounts = context.HttpContext.RequestServices.GetRequiredService<UserAccounts>();
        if (userId is null || spotifyId is null
            || !await accounts.ExistsAsync(userId.Value, spotifyId, context.HttpContext.RequestAborted))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        }
    }

    /// <summary>API callers get a status code and a JSON reason; browsers are sent to the sign-in page.</summary>
    private static Task ApiOrRedirect(RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        if (context.Request.Path.StartsWithSegments("/api"))
        {
            return ApiError.WriteAsync(context.HttpContext, status,
                status == StatusCodes.Status401Unauthorized ? "Not authenticated" : "Not allowed");
        }
        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }
}
