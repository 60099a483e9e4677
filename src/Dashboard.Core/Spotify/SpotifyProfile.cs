using System.Text.Json.Serialization;

namespace Dashboard.Core.Spotify;

/// <summary>The fields of <c>GET /v1/me</c> the app keeps.</summary>
public sealed record SpotifyProfile(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("account_id")] string? AccountId,
    [property: JsonPropertyName("display_name")] string? DisplayName,
    [property: JsonPropertyName("email")] string? Email,
    [property: JsonPropertyName("country")] string? Country,
    [property: JsonPropertyName("product")] string? Product,
    [property: JsonPropertyName("images")] IReadOnlyList<SpotifyImage>? Images)
{
    /// <summary>The largest image, which Spotify lists first.</summary>
    public string? ImageUrl => Images is [var first, ..] ? first.Url : null;
}

public sealed record SpotifyImage(
    [property: JsonPropertyName("url")] string Url,
    [property: JsonPropertyName("height")] int? Height,
    [property: JsonPropertyName("width")] int? Width);

/// <summary>The tokens Spotify's token endpoint returned.</summary>
public sealed record SpotifyTokens(string AccessToken, string RefreshToken, DateTime ExpiresAt, string Scopes);
