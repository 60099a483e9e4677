namespace Dashboard.SpotifyEmulator.Demo;

/// <summary>Invents plausible artist, album, track and show names from word lists.</summary>
internal static class Names
{
    private static readonly string[] Adjectives =
    [
        "Velvet", "Golden", "Silent", "Electric", "Hollow", "Neon", "Paper", "Crystal", "Wild", "Quiet",
        "Broken", "Midnight", "Amber", "Silver", "Lucky", "Restless", "Faded", "Burning", "Gentle", "Distant",
        "Northern", "Little", "Endless", "Bright", "Lonely", "Secret", "Cosmic", "Crimson", "Hidden", "Tender",
        "Frozen", "Wandering", "Sleepy", "Savage", "Sunday", "Violet", "Copper", "Glass", "Stray", "Lazy",
    ];

    private static readonly string[] Nouns =
    [
        "Harbor", "Echo", "River", "Signal", "Garden", "Mirror", "Horizon", "Lantern", "Ocean", "Satellite",
        "Canyon", "Meadow", "Thunder", "Comet", "Orchid", "Avenue", "Shadow", "Island", "Forest", "Window",
        "Wolf", "Fox", "Tide", "Summer", "Winter", "Desert", "Valley", "Engine", "Machine", "Parade",
        "Letter", "Highway", "Feather", "Ember", "Prism", "Pilot", "Orbit", "Station", "Atlas", "Cathedral",
        "Balloon", "Bridge", "Candle", "Compass", "Dream", "Fever", "Kingdom", "Mountain", "Radio", "Season",
    ];

    private static readonly string[] FirstNames =
    [
        "Mira", "Jonas", "Elena", "Theo", "Nora", "Felix", "Ava", "Leo", "Ines", "Oskar", "Lena", "Milo",
        "Clara", "Hugo", "Sofia", "Emil", "Yara", "Noah", "Ida", "Luca", "Zoe", "Anton", "Maya", "Jules",
    ];

    private static readonly string[] LastNames =
    [
        "Solberg", "Vance", "Moreau", "Kaplan", "Lindqvist", "Okafor", "Reyes", "Halden", "Castell", "Brandt",
        "Novak", "Ferreira", "Aalto", "Whitlock", "Marchetti", "Sato", "Devlin", "Ostrowski", "Quinn", "Larsen",
    ];

    private static readonly string[] Verbs =
    [
        "Running", "Falling", "Waiting", "Dancing", "Holding", "Chasing", "Calling", "Drifting", "Breaking",
        "Dreaming", "Burning", "Leaving", "Finding", "Walking", "Singing", "Losing",
    ];

    public static readonly string[] Genres =
    [
        "indie pop", "indie rock", "dream pop", "synthwave", "alt-country", "neo soul", "techno", "deep house",
        "jazz fusion", "singer-songwriter", "post-punk", "shoegaze", "hip hop", "lo-fi beats", "art pop",
        "folk", "ambient", "garage rock", "r&b", "electropop",
    ];

    public static string Artist(Random random) => random.Next(7) switch
    {
        0 => $"The {Pick(random, Adjectives)} {Plural(Pick(random, Nouns))}",
        1 => $"{Pick(random, FirstNames)} {Pick(random, LastNames)}",
        2 => $"{Pick(random, Adjectives)} {Pick(random, Nouns)}",
        3 => $"{Pick(random, Nouns)} & the {Plural(Pick(random, Nouns))}",
        4 => $"{Pick(random, FirstNames)} {Pick(random, Nouns)}",
        5 => Pick(random, Nouns).ToUpperInvariant(),
        _ => $"{Pick(random, Adjectives)} {Plural(Pick(random, Nouns))}",
    };

    public static string Album(Random random) => random.Next(6) switch
    {
        0 => $"{Pick(random, Adjectives)} {Pick(random, Nouns)}",
        1 => $"{Plural(Pick(random, Nouns))} of {Pick(random, Nouns)}",
        2 => $"The {Pick(random, Nouns)} Sessions",
        3 => $"{Pick(random, Verbs)} {Pick(random, Nouns)}",
        4 => Pick(random, Nouns),
        _ => $"{Pick(random, Adjectives)} {Plural(Pick(random, Nouns))}",
    };

    public static string Track(Random random) => random.Next(8) switch
    {
        0 => $"{Pick(random, Adjectives)} {Pick(random, Nouns)}",
        1 => $"{Pick(random, Verbs)} {Pick(random, Nouns)}",
        2 => $"{Pick(random, Nouns)} of {Pick(random, Nouns)}",
        3 => $"{Pick(random, Verbs)} Home",
        4 => $"Into the {Pick(random, Nouns)}",
        5 => Pick(random, Nouns),
        6 => $"{Pick(random, Adjectives)} {Plural(Pick(random, Nouns))}",
        _ => $"{Pick(random, Verbs)} in the {Pick(random, Nouns)}",
    };

    public static string Show(Random random) => random.Next(3) switch
    {
        0 => $"The {Pick(random, Adjectives)} {Pick(random, Nouns)} Podcast",
        1 => $"{Pick(random, Nouns)} Talk",
        _ => $"{Pick(random, FirstNames)} & {Pick(random, FirstNames)} Explain Everything",
    };

    public static string Episode(Random random, int number) =>
        $"#{number}: {Pick(random, Verbs)} the {Pick(random, Nouns)}";

    public static string Person(Random random) => $"{Pick(random, FirstNames)} {Pick(random, LastNames)}";

    public static T Pick<T>(Random random, IReadOnlyList<T> items) => items[random.Next(items.Count)];

    private static string Plural(string noun) => noun switch
    {
        _ when noun.EndsWith('x') || noun.EndsWith("ch", StringComparison.Ordinal) => noun + "es",
        _ when noun.EndsWith('y') && !noun.EndsWith("ey", StringComparison.Ordinal) => noun[..^1] + "ies",
        _ when noun.EndsWith('f') => noun[..^1] + "ves",
        _ => noun + "s",
    };
}
