using System.Text.Json;
using Dashboard.SpotifyEmulator.Api;
using Microsoft.AspNetCore.Http;

namespace Dashboard.SpotifyEmulator;

/// <summary>Shared by the <c>/_emulator</c> endpoints, which tests and tools use to steer the emulator over HTTP.</summary>
internal static class ControlResults
{
    public static IResult Problem(string message, int status = StatusCodes.Status400BadRequest) =>
        Results.Json(new { error = message }, statusCode: status);

    /// <summary>The request body as <typeparamref name="T"/> (snake_case), or null when it is missing or not JSON.</summary>
    public static async Task<T?> ReadAsync<T>(HttpRequest request) where T : class
    {
        try
        {
            return await request.ReadFromJsonAsync<T>(ApiJson.Options, request.HttpContext.RequestAborted);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            return null;
        }
    }
}
