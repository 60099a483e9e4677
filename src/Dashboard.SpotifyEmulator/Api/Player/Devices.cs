using System.Security.Cryptography;
using System.Text;

namespace Dashboard.SpotifyEmulator.Api.Player;

/// <summary>The Spotify Connect devices behind the platforms the listener plays on, with stable 40-hex ids.</summary>
internal static class Devices
{
    private sealed record Model(string Name, string Type, int? VolumePercent, bool SupportsVolume);

    private static readonly Dictionary<string, Model> ByPlatform = new(StringComparer.Ordinal)
    {
        ["android"] = new("Pixel 8", "Smartphone", 100, SupportsVolume: false),
        ["ios"] = new("iPhone", "Smartphone", 100, SupportsVolume: false),
        ["windows"] = new("DESKTOP-7Q2M4K", "Computer", 68, SupportsVolume: true),
        ["osx"] = new("MacBook Pro", "Computer", 54, SupportsVolume: true),
        ["web_player"] = new("Web Player (Chrome)", "Computer", 80, SupportsVolume: true),
        ["cast"] = new("Living Room", "Speaker", 35, SupportsVolume: true),
    };

    /// <summary>Devices that are always online: the phone and the computer.</summary>
    private static readonly string[] AlwaysOnline = ["android", "windows"];

    public static DeviceObject For(string userId, string platform, bool isActive, bool isPrivateSession)
    {
        var model = ByPlatform.GetValueOrDefault(platform) ?? ByPlatform["android"];
        // Spotify's device ids are 40 hex digits.
        var id = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{userId}/{platform}")))[..40];
        return new DeviceObject(id, isActive, isPrivateSession, IsRestricted: false, model.Name, model.Type,
            model.VolumePercent, model.SupportsVolume);
    }

    /// <summary>The active device first (if any), then the user's other online devices.</summary>
    public static IReadOnlyList<DeviceObject> Available(string userId, Playback? playback)
    {
        var devices = new List<DeviceObject>();
        if (playback is not null)
        {
            devices.Add(For(userId, playback.Play.Platform, isActive: true, playback.Play.Incognito));
        }
        devices.AddRange(AlwaysOnline
            .Where(platform => platform != playback?.Play.Platform)
            .Select(platform => For(userId, platform, isActive: false, isPrivateSession: false)));
        return devices;
    }
}
