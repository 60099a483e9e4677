using Microsoft.AspNetCore.Http;

namespace Dashboard.SpotifyEmulator.Api;

/// <summary>Who is calling the Web API, known once <see cref="ApiGate"/> has accepted the bearer token.</summary>
/// <param name="NullTrackItems">An injected fault asks for recently played items with <c>"track": null</c>.</param>
internal sealed record ApiCaller(EmulatedUser User, string ClientId, bool NullTrackItems)
{
    private static readonly object Key = typeof(ApiCaller);

    public bool IsPremium => User.Product == "premium";

    public void Attach(HttpContext context) => context.Items[Key] = this;

    /// <summary>
    /// Lets endpoints take an <see cref="ApiCaller"/> parameter; the gate has set it before routing runs them.
    /// </summary>
    public static ValueTask<ApiCaller?> BindAsync(HttpContext context) =>
        ValueTask.FromResult(context.Items[Key] as ApiCaller);
}
