namespace Dashboard.Core.Accounts;

/// <summary>A personal token for the JSON API. Only a hash of the secret is stored.</summary>
public sealed class ApiToken
{
    public int Id { get; set; }
    public int UserId { get; set; }
    public required string Name { get; set; }

    /// <summary>SHA-256 of the whole token, hex; unique.</summary>
    public required string TokenHash { get; set; }

    /// <summary>The first characters of the token, shown in lists so a user can tell tokens apart.</summary>
    public required string Prefix { get; set; }

    public DateTime CreatedAt { get; set; }
    public DateTime? LastUsedAt { get; set; }
    public DateTime? RevokedAt { get; set; }
}
