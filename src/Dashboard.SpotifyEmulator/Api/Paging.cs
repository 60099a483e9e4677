using Dashboard.SpotifyEmulator.Api.Catalogue;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace Dashboard.SpotifyEmulator.Api;

/// <summary>Spotify's paging parameters and paging objects.</summary>
internal static class Paging
{
    public const int DefaultLimit = 20;
    public const int MaxLimit = 50;

    /// <summary>
    /// An integer query parameter within [min, max], its default when absent, or null when Spotify would answer 400.
    /// </summary>
    public static int? IntParameter(HttpRequest request, string name, int defaultValue, int min, int max)
    {
        var raw = request.Query[name].ToString();
        if (raw.Length == 0)
        {
            return defaultValue;
        }
        return int.TryParse(raw, out var value) && value >= min && value <= max ? value : null;
    }

    /// <summary>
    /// Reads <c>limit</c> (1-50, default 20) and <c>offset</c> (0-100,000), or the 400 Spotify answers.
    /// </summary>
    public static (int Limit, int Offset, IResult? Error) LimitAndOffset(HttpRequest request)
    {
        var limit = IntParameter(request, "limit", DefaultLimit, 1, MaxLimit);
        if (limit is null)
        {
            return (0, 0, ApiErrors.BadRequest("Invalid limit"));
        }
        var offset = IntParameter(request, "offset", 0, 0, 100_000);
        return offset is null ? (0, 0, ApiErrors.BadRequest("Invalid offset")) : (limit.Value, offset.Value, null);
    }

    /// <summary>
    /// One page of <paramref name="all"/>, with <c>href</c>, <c>next</c> and <c>previous</c> links to
    /// <paramref name="url"/>.
    /// </summary>
    public static PagingObject<T> Page<T>(string url, IReadOnlyList<T> all, int limit, int offset,
        IReadOnlyDictionary<string, string?>? otherParameters = null)
    {
        string Link(int at) => QueryHelpers.AddQueryString(url,
            new Dictionary<string, string?>(otherParameters ?? new Dictionary<string, string?>())
            {
                ["offset"] = at.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["limit"] = limit.ToString(System.Globalization.CultureInfo.InvariantCulture),
            });
        var items = all.Skip(offset).Take(limit).ToList();
        return new PagingObject<T>(
            Link(offset),
            items,
            limit,
            offset + limit < all.Count ? Link(offset + limit) : null,
            offset,
            offset > 0 ? Link(Math.Max(0, offset - limit)) : null,
            all.Count);
    }
}
