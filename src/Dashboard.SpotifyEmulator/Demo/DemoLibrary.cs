namespace Dashboard.SpotifyEmulator.Demo;

internal sealed record DemoPlaylist(string Id, string Name, string Description, string OwnerId, string OwnerName,
    bool IsPublic, bool IsCollaborative, string SnapshotId, IReadOnlyList<DemoTrack> Tracks);

internal sealed record DemoSavedAlbum(DemoAlbum Album, DateTime AddedAt);

/// <summary>
/// A listener's library: playlists (their own and a friend's or two), saved albums and followed artists. Generated
/// from the listener's seed alone, so two listeners differ and the same listener is the same on every run.
/// </summary>
internal sealed class DemoLibrary
{
    private static readonly string[] PlaylistNames =
    [
        "Running", "Deep Focus", "Sunday Morning", "Road Trip", "Late Night Drive", "Kitchen Dancing", "Rainy Days",
        "Throwbacks", "Gym", "Dinner Party", "Songs to Sing in the Car", "Chill Evenings",
    ];

    private DemoLibrary(IReadOnlyList<DemoPlaylist> playlists, IReadOnlyList<DemoSavedAlbum> savedAlbums,
        IReadOnlyList<DemoArtist> followedArtists)
    {
        Playlists = playlists;
        SavedAlbums = savedAlbums;
        FollowedArtists = followedArtists;
    }

    /// <summary>The library of an account without a listening history.</summary>
    public static readonly DemoLibrary Empty = new([], [], []);

    /// <summary>In the order Spotify lists them: most recently created or followed first.</summary>
    public IReadOnlyList<DemoPlaylist> Playlists { get; }

    /// <summary>Most recently saved first.</summary>
    public IReadOnlyList<DemoSavedAlbum> SavedAlbums { get; }

    /// <summary>Ordered by id, the order the <c>after</c> cursor pages through.</summary>
    public IReadOnlyList<DemoArtist> FollowedArtists { get; }

    /// <param name="savedFrom">The earliest time an album can have been saved (the start of the history).</param>
    /// <param name="savedUntil">The latest (now, when the library is first asked for).</param>
    public static DemoLibrary Generate(DemoCatalog catalog, int seed, string ownerId, string ownerName,
        DateTime savedFrom, DateTime savedUntil)
    {
        var random = new Random(StableHash.Mix(seed, 4111, 29));
        var ids = new SpotifyIds(random);

        var followed = new HashSet<DemoArtist>();
        var followCount = 20 + random.Next(40);
        while (followed.Count < followCount)
        {
            followed.Add(catalog.Artists[FavouringFirst(random, catalog.Artists.Count)]);
        }
        var followedList = followed.ToList();

        var saved = new Dictionary<DemoAlbum, DateTime>();
        var savedCount = 25 + random.Next(50);
        var span = savedUntil - savedFrom;
        while (saved.Count < savedCount)
        {
            var album = random.NextDouble() < 0.7
                ? Names.Pick(random, catalog.AlbumsByArtist[Names.Pick(random, followedList).Id].ToList())
                : Names.Pick(random, catalog.Albums);
            var addedAt = savedFrom + span * random.NextDouble();
            saved.TryAdd(album,
                new DateTime(addedAt.Ticks - addedAt.Ticks % TimeSpan.TicksPerSecond, DateTimeKind.Utc));
        }

        var followedTracks = followedList.SelectMany(a => catalog.AlbumsByArtist[a.Id]).SelectMany(a => a.Tracks)
            .ToList();
        var playlists = new List<DemoPlaylist>();
        foreach (var name in PlaylistNames.OrderBy(_ => random.Next()).Take(4 + random.Next(5)))
        {
            var tracks = Enumerable.Range(0, 15 + random.Next(65))
                .Select(_ => random.NextDouble() < 0.8 ? Names.Pick(random, followedTracks) : AnyTrack(random, catalog))
                .Distinct()
                .ToList();
            playlists.Add(
                new DemoPlaylist(ids.Next(), name, random.NextDouble() < 0.5 ? "" : $"{name}, for when it fits.",
                ownerId, ownerName, IsPublic: random.NextDouble() < 0.6, IsCollaborative: false,
                ids.Next() + ids.Next(), tracks));
        }
        var friendsPlaylists = 1 + random.Next(2);
        for (var i = 0; i < friendsPlaylists; i++)
        {
            var friend = Names.Person(random);
            var tracks = Enumerable.Range(0, 20 + random.Next(40)).Select(_ => AnyTrack(random, catalog)).Distinct()
                .ToList();
            playlists.Insert(random.Next(playlists.Count + 1),
                new DemoPlaylist(ids.Next(), $"{friend.Split(' ')[0]}'s Mix",
                $"Made by {friend}.", friend.ToLowerInvariant().Replace(' ', '.'), friend, IsPublic: true,
                IsCollaborative: false, ids.Next() + ids.Next(), tracks));
        }

        return new DemoLibrary(
            playlists,
            saved.Select(pair => new DemoSavedAlbum(pair.Key, pair.Value)).OrderByDescending(s => s.AddedAt).ToList(),
            followedList.OrderBy(a => a.Id, StringComparer.Ordinal).ToList());
    }

    private static DemoTrack AnyTrack(Random random, DemoCatalog catalog) =>
        Names.Pick(random, Names.Pick(random, catalog.Albums).Tracks);

    /// <summary>An index in [0, count) that favours the start: listeners follow the artists they play most.</summary>
    private static int FavouringFirst(Random random, int count) =>
        Math.Min(count - 1, (int)Math.Floor(Math.Pow(count + 1, random.NextDouble()) - 1));
}
