namespace Dashboard.Core.Listening;

// Every listener has a catalogue of their own: each row belongs to the user whose export or sync brought it in, so
// nothing one user imports or looks up can change what another sees (two people's "Nova" may be two artists, and a
// name in one person's export says nothing about another's). Keys are our own integers; SpotifyId is set when known,
// unique per user. The export names albums and artists without ids, so such rows exist by name (unique per name
// within the user's catalogue) until a look-up resolves them.

/// <summary>A catalogue row that a Spotify look-up completes: found by its id, or marked not found.</summary>
public interface ICatalogueEntry
{
    int Id { get; }
    int UserId { get; }
    string? SpotifyId { get; }
    string Name { get; }
    EnrichmentState Enrichment { get; set; }
}

public sealed class Artist : ICatalogueEntry
{
    public int Id { get; set; }

    /// <summary>The listener whose catalogue this is.</summary>
    public int UserId { get; set; }

    public string? SpotifyId { get; set; }
    public required string Name { get; set; }
    public string? ImageUrl { get; set; }

    /// <summary>Comma-separated Spotify genres, when a look-up gave them.</summary>
    public string? Genres { get; set; }

    public EnrichmentState Enrichment { get; set; }
    public DateTime? EnrichedAt { get; set; }
}

public sealed class Album : ICatalogueEntry
{
    public int Id { get; set; }

    /// <summary>The listener whose catalogue this is.</summary>
    public int UserId { get; set; }

    public string? SpotifyId { get; set; }
    public required string Name { get; set; }
    public int? PrimaryArtistId { get; set; }
    public Artist? PrimaryArtist { get; set; }
    public string? ImageUrl { get; set; }

    /// <summary>As Spotify gives it: <c>2000</c>, <c>2000-10</c> or <c>2000-10-02</c>.</summary>
    public string? ReleaseDate { get; set; }

    public EnrichmentState Enrichment { get; set; }
    public DateTime? EnrichedAt { get; set; }
}

public sealed class Track : ICatalogueEntry
{
    public int Id { get; set; }

    /// <summary>The listener whose catalogue this is.</summary>
    public int UserId { get; set; }

    public string? SpotifyId { get; set; }
    public required string Name { get; set; }

    /// <summary>The first credited artist; the export knows only this one.</summary>
    public int? PrimaryArtistId { get; set; }
    public Artist? PrimaryArtist { get; set; }

    public int? AlbumId { get; set; }
    public Album? Album { get; set; }

    public int? DurationMs { get; set; }
    public string? Isrc { get; set; }
    public bool? Explicit { get; set; }

    /// <summary>Every credited artist, the primary one at position 0.</summary>
    public List<TrackArtist> Artists { get; set; } = [];

    public EnrichmentState Enrichment { get; set; }
    public DateTime? EnrichedAt { get; set; }
}

public sealed class TrackArtist
{
    public int TrackId { get; set; }
    public int ArtistId { get; set; }
    public Artist? Artist { get; set; }
    public int Position { get; set; }
}

/// <summary>A podcast, or an audiobook (whose chapters are its episodes).</summary>
public sealed class Show
{
    public int Id { get; set; }

    /// <summary>The listener whose catalogue this is.</summary>
    public int UserId { get; set; }

    public string? SpotifyId { get; set; }
    public required string Name { get; set; }
    public ShowKind Kind { get; set; }
    public string? Publisher { get; set; }
    public string? ImageUrl { get; set; }
    public EnrichmentState Enrichment { get; set; }
    public DateTime? EnrichedAt { get; set; }
}

/// <summary>A podcast episode or an audiobook chapter.</summary>
public sealed class Episode
{
    public int Id { get; set; }

    /// <summary>The listener whose catalogue this is.</summary>
    public int UserId { get; set; }

    public string? SpotifyId { get; set; }
    public required string Name { get; set; }
    public int ShowId { get; set; }
    public Show? Show { get; set; }
    public int? DurationMs { get; set; }
    public EnrichmentState Enrichment { get; set; }
    public DateTime? EnrichedAt { get; set; }
}
