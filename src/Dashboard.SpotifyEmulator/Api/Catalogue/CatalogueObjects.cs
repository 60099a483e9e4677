namespace Dashboard.SpotifyEmulator.Api.Catalogue;

// The catalogue objects of the Web API reference, as a development-mode app gets them since February 2026:
// no popularity, followers or available_markets. Serialised with ApiJson (snake_case).

internal sealed record ExternalUrls(string Spotify);

internal sealed record ImageObject(string Url, int Height, int Width);

internal sealed record CopyrightObject(string Text, string Type);

internal sealed record SimplifiedArtistObject(ExternalUrls ExternalUrls, string Href, string Id, string Name,
    string Uri)
{
    public string Type => "artist";
}

internal sealed record ArtistObject(ExternalUrls ExternalUrls, IReadOnlyList<string> Genres, string Href, string Id,
    IReadOnlyList<ImageObject> Images, string Name, string Uri)
{
    public string Type => "artist";
}

internal record SimplifiedAlbumObject
{
    public required string AlbumType { get; init; }
    public required int TotalTracks { get; init; }
    public required ExternalUrls ExternalUrls { get; init; }
    public required string Href { get; init; }
    public required string Id { get; init; }
    public required IReadOnlyList<ImageObject> Images { get; init; }
    public required string Name { get; init; }
    public required string ReleaseDate { get; init; }
    public required string ReleaseDatePrecision { get; init; }
    public string Type => "album";
    public required string Uri { get; init; }
    public required IReadOnlyList<SimplifiedArtistObject> Artists { get; init; }
}

internal sealed record AlbumObject : SimplifiedAlbumObject
{
    public required PagingObject<SimplifiedTrackObject> Tracks { get; init; }
    public required IReadOnlyList<CopyrightObject> Copyrights { get; init; }
    public required AlbumExternalIds ExternalIds { get; init; }

    /// <summary>Spotify's reference says this "is always empty" for albums.</summary>
    public IReadOnlyList<string> Genres => [];

    public required string Label { get; init; }
}

internal sealed record AlbumExternalIds(string Upc);

internal sealed record TrackExternalIds(string Isrc);

internal record SimplifiedTrackObject
{
    public required IReadOnlyList<SimplifiedArtistObject> Artists { get; init; }
    public int DiscNumber => 1;
    public required int DurationMs { get; init; }
    public required bool Explicit { get; init; }
    public required ExternalUrls ExternalUrls { get; init; }
    public required string Href { get; init; }
    public required string Id { get; init; }
    public bool IsLocal => false;
    public required string Name { get; init; }

    /// <summary>Preview clips went away for new apps in November 2024; the field stays, always null.</summary>
    public string? PreviewUrl => null;

    public required int TrackNumber { get; init; }
    public string Type => "track";
    public required string Uri { get; init; }
}

internal sealed record TrackObject : SimplifiedTrackObject
{
    public required SimplifiedAlbumObject Album { get; init; }
    public required TrackExternalIds ExternalIds { get; init; }
}

internal sealed record SimplifiedShowObject
{
    public IReadOnlyList<CopyrightObject> Copyrights => [];
    public required string Description { get; init; }
    public required string HtmlDescription { get; init; }
    public bool Explicit => false;
    public required ExternalUrls ExternalUrls { get; init; }
    public required string Href { get; init; }
    public required string Id { get; init; }
    public required IReadOnlyList<ImageObject> Images { get; init; }
    public bool IsExternallyHosted => false;
    public IReadOnlyList<string> Languages => ["en"];
    public string MediaType => "audio";
    public required string Name { get; init; }
    public required int TotalEpisodes { get; init; }
    public string Type => "show";
    public required string Uri { get; init; }
}

internal sealed record EpisodeObject
{
    public string? AudioPreviewUrl => null;
    public required string Description { get; init; }
    public required string HtmlDescription { get; init; }
    public required int DurationMs { get; init; }
    public bool Explicit => false;
    public required ExternalUrls ExternalUrls { get; init; }
    public required string Href { get; init; }
    public required string Id { get; init; }
    public required IReadOnlyList<ImageObject> Images { get; init; }
    public bool IsExternallyHosted => false;
    public bool IsPlayable => true;
    public IReadOnlyList<string> Languages => ["en"];
    public required string Name { get; init; }
    public required string ReleaseDate { get; init; }
    public string ReleaseDatePrecision => "day";
    public string Type => "episode";
    public required string Uri { get; init; }
    public required SimplifiedShowObject Show { get; init; }
}

/// <summary>Spotify's offset paging object.</summary>
internal sealed record PagingObject<T>(string Href, IReadOnlyList<T> Items, int Limit, string? Next, int Offset,
    string? Previous, int Total)
{
    public PagingObject<TOut> Map<TOut>(Func<T, TOut> map) =>
        new(Href, Items.Select(map).ToList(), Limit, Next, Offset, Previous, Total);
}
