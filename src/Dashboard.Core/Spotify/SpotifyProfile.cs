using System.Text.Json.Serialization;

namespace Dashboard.Core.Spotify;

/// <summary>
/// The fields of <c>GET /v1/me</c> the app keeps. Those with a default may be absent: Spotify leaves out what the
/// granted scopes do not cover.
/// </summary>
public sealed record SpotifyProfile(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("account_id")] string? AccountId = null,
    [property: JsonPropertyName("display_name")] string? DisplayName = null,
    [property: JsonPropertyName("email")] string? Email = null,
    [property: JsonPropertyName("country")] string? Country = null,
    [property: JsonPropertyName("product")] string? Product = null,
    [property: JsonPropertyName("images")] IReadOnlyList<SpotifyImage>? Images = null)
{
    /// <summary>The largest image, which Spotify lists first.</summary>
    public string? ImageUrl => Images is [var first, ..] ? first.Url : null;
}

public sealed record SpotifyImage(
    [property: JsonPropertyName("url")] string Url,
    [property: JsonPropertyName("height")] int? Height = null,
    [property: JsonPropertyName("width")] int? Width = null);

/// <summary>The tokens Spotify's token endpoint returned.</summary>
public sealed record SpotifyTokens(string AccessToken, string RefreshToken, DateTime ExpiresAt, string Scopes);
