using Microsoft.AspNetCore.Http;

namespace Dashboard.SpotifyEmulator.Api;

/// <summary>Web API errors in Spotify's shape: <c>{"error":{"status":401,"message":"..."}}</c>.</summary>
internal static class ApiErrors
{
    public static IResult Error(int status, string message, string? reason = null)
    {
        object error = reason is null
            ? new { status, message }
            : new { status, message, reason };
        return Results.Json(new { error }, statusCode: status);
    }

    /// <summary>The user the request's bearer token belongs to, or the 401 Spotify would answer.</summary>
    public static (EmulatedUser? User, IResult? Error) Authenticate(HttpRequest request, EmulatorState state)
    {
        var header = request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.Ordinal))
        {
            return (null, Error(StatusCodes.Status401Unauthorized, "No token provided"));
        }
        var grant = state.FindAccessToken(header["Bearer ".Length..].Trim());
        if (grant is null)
        {
            return (null, Error(StatusCodes.Status401Unauthorized, "Invalid access token"));
        }
        if (grant.ExpiresAt <= state.Now)
        {
            return (null, Error(StatusCodes.Status401Unauthorized, "The access token expired"));
        }
        var user = state.FindUser(grant.UserId);
        return user is null
            ? (null, Error(StatusCodes.Status401Unauthorized, "Invalid access token"))
            : (user, null);
    }
}
