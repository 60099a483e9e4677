using System.Text;

namespace Dashboard.Benchmarks.Export;

/// <summary>
/// Invents names from syllables: enough distinct ones for thousands of artists, of realistic length, with
/// a few accented letters so the files hold multi-byte UTF-8 like real exports.
/// </summary>
internal static class NameMaker
{
    private static readonly string[] Syllables =
    [
        "ka", "lo", "mi", "ra", "ve", "to", "shi", "an", "el", "dor", "na", "ré", "sa", "lu", "mo", "ti",
        "ber", "go", "zé", "ri", "ha", "ne", "ko", "la", "vi", "ström", "mar", "is", "quo", "fa", "ju", "ye",
    ];

    private static readonly string[] Words =
    [
        "Night", "Summer", "Heart", "Light", "River", "Fire", "Dream", "Shadow", "Ocean", "Echo", "Gold", "Rain",
        "Storm", "Silver", "Moon", "Road", "Wild", "Glass", "Paper", "Neon", "Velvet", "Midnight", "Home", "Sky",
    ];

    /// <summary>A made-up word of two or three syllables, capitalised.</summary>
    public static string Word(Random random)
    {
        var builder = new StringBuilder();
        var syllables = random.Next(2, 4);
        for (var i = 0; i < syllables; i++)
        {
            builder.Append(Syllables[random.Next(Syllables.Length)]);
        }
        builder[0] = char.ToUpperInvariant(builder[0]);
        return builder.ToString();
    }

    public static string Artist(Random random) => random.Next(4) switch
    {
        0 => $"The {Word(random)}s",
        1 => $"{Word(random)} {Word(random)}",
        2 => $"{Word(random)} & the {Words[random.Next(Words.Length)]}",
        _ => Word(random),
    };

    public static string Title(Random random) => random.Next(5) switch
    {
        0 => $"{Words[random.Next(Words.Length)]} {Word(random)}",
        1 => $"{Word(random)} ({Words[random.Next(Words.Length)]} Version)",
        2 => $"The {Words[random.Next(Words.Length)]} of {Word(random)}",
        3 => $"{Word(random)} {Words[random.Next(Words.Length)]} {Word(random)}",
        _ => Word(random),
    };

    /// <summary>A Spotify id: 22 base-62 characters.</summary>
    public static string SpotifyId(Random random)
    {
        const string alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
        return string.Create(22, random, static (chars, r) =>
        {
            for (var i = 0; i < chars.Length; i++)
            {
                chars[i] = alphabet[r.Next(alphabet.Length)];
            }
        });
    }
}
