using System.Text.Json;

namespace Dashboard.Core.Spotify;

/// <summary>
/// What an error answer says. The Web API sends <c>{"error":{"status":403,"message":"…","reason":"…"}}</c>; the
/// accounts service sends <c>{"error":"invalid_grant","error_description":"…"}</c>. Anything else is kept as short
/// text.
/// </summary>
internal sealed record SpotifyErrorBody(string? Message, string? Reason)
{
    public const string QuotaExceeded = "QUOTA_EXCEEDED";
    private const int MaxTextLength = 200;

    public bool IsQuotaExceeded => Reason == QuotaExceeded;

    /// <summary>
    /// A short line for the call log, e.g. <c>Player command failed: Premium required (PREMIUM_REQUIRED)</c>.
    /// </summary>
    public string Summary => Reason is null ? Message ?? "" : $"{Message} ({Reason})";

    /// <summary>
    /// Reads the body of an error answer. The content is buffered, so the call log, the retry strategy and the client
    /// can each read it.
    /// </summary>
    public static async Task<SpotifyErrorBody> ReadAsync(HttpResponseMessage response,
        CancellationToken cancellationToken)
    {
        await response.Content.LoadIntoBufferAsync(cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.TryGetProperty("error", out var error) ? FromError(document.RootElement, error)
                : Text(text);
        }
        catch (JsonException)
        {
            return Text(text);
        }
    }

    private static SpotifyErrorBody FromError(JsonElement root, JsonElement error) => error.ValueKind switch
    {
        JsonValueKind.Object => new SpotifyErrorBody(StringOf(error, "message"), StringOf(error, "reason")),
        JsonValueKind.String => new SpotifyErrorBody(StringOf(root, "error_description"), error.GetString()),
        _ => new SpotifyErrorBody(null, null),
    };

    private static string? StringOf(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value)
            && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    private static SpotifyErrorBody Text(string text) =>
        new(text.Length <= MaxTextLength ? text : text[..MaxTextLength], null);
}
