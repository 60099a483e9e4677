using System.Text.Json;
using System.Text.Json.Serialization;

namespace Dashboard.Core.Spotify;

/// <summary>How the Web API's JSON is read.</summary>
internal static class SpotifyJson
{
    /// <summary>
    /// snake_case names; a field a record needs that is missing or null is an error rather than a silent null, so that
    /// a change at Spotify shows up as a clear <see cref="SpotifyRequestException"/> instead of a crash further on.
    /// </summary>
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
    };
}

/// <summary>Spotify's Unix millisecond timestamps (player <c>timestamp</c>).</summary>
internal sealed class UnixMillisecondsJsonConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64());

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteNumberValue(value.ToUnixTimeMilliseconds());
}
