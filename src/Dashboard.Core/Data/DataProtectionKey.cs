namespace Dashboard.Core.Data;

/// <summary>
/// One ASP.NET Data Protection key, as the XML the key manager writes. Kept in the database so every instance
/// of the app decrypts what any other encrypted: sign-in cookies, Spotify tokens, signed download links.
/// </summary>
public sealed class DataProtectionKey
{
    public int Id { get; set; }
    public string? FriendlyName { get; set; }
    public required string Xml { get; set; }
}
