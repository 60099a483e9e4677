using System.Security.Claims;

namespace Dashboard.Web.Auth;

/// <summary>The claims the sign-in cookie carries.</summary>
public static class DashboardClaims
{
    public const string SpotifyId = "dashboard:spotify_id";
    public const string Picture = "dashboard:picture";

    /// <summary>Our user id, or null for an anonymous principal.</summary>
    public static int? UserId(this ClaimsPrincipal principal) =>
        int.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;
}
