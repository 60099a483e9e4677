using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Dashboard.SpotifyEmulator.Api;

/// <summary>Web API bodies as Spotify writes them: snake_case names, nulls written out rather than left away.</summary>
internal static class ApiJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
    };

    public static IResult Ok(object body) => Results.Json(body, Options);
}
