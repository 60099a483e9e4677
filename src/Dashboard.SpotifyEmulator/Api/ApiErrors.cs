using Microsoft.AspNetCore.Http;

namespace Dashboard.SpotifyEmulator.Api;

/// <summary>
/// Web API errors in Spotify's shape: <c>{"error":{"status":401,"message":"..."}}</c>, with a <c>reason</c>
/// where Spotify gives one (player commands, the daily quota).
/// </summary>
internal static class ApiErrors
{
    public static IResult Error(int status, string message, string? reason = null)
    {
        object error = reason is null
            ? new { status, message }
            : new { status, message, reason };
        return Results.Json(new { error }, statusCode: status);
    }

    public static IResult BadRequest(string message) => Error(StatusCodes.Status400BadRequest, message);

    public static IResult NotFound() => Error(StatusCodes.Status404NotFound, "Resource not found");
}
