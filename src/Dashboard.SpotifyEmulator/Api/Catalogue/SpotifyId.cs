namespace Dashboard.SpotifyEmulator.Api.Catalogue;

/// <summary>Spotify ids are 22 base-62 characters; anything else is a 400 before any look-up.</summary>
internal static class SpotifyId
{
    public const int Length = 22;

    public static bool IsWellFormed(string id) => id.Length == Length && id.All(char.IsAsciiLetterOrDigit);
}
