using System.Text.Json;

namespace Dashboard.Web.Tests.Emulator.OpenApi;

/// <summary>
/// The validator behind the conformance tests finds what is wrong, so that its silence means something.
/// </summary>
[NoDatabase]
public sealed class SchemaValidatorTests
{
    private static readonly OpenApiDocument Spec = OpenApiDocument.Spotify;
    private static readonly SchemaValidator Validator = new(Spec);

    [Fact]
    public void A_body_with_wrong_types_missing_fields_and_bad_enums_is_reported_with_paths()
    {
        var body = JsonDocument.Parse("""
            {
              "href": "https://api.spotify.com/v1/me/top/tracks", "limit": 20, "next": null, "offset": 0,
              "previous": null, "total": "one",
              "items": [{
                "id": "11dFghVXANMlKmJXsNCbNl", "name": "Song", "type": "artist", "duration_ms": "215000",
                "explicit": false, "artists": [{"id": "a", "name": 7}],
                "album": {"album_type": "album", "total_tracks": 9, "external_urls": {}, "href": "h", "id": "x",
                          "images": [{"url": "u", "height": 300}], "name": "A", "release_date": "2020",
                          "release_date_precision": "year", "type": "album", "uri": "spotify:album:x", "artists": []}
              }]
            }
            """).RootElement;

        var problems = Validator.Validate(body, TopTracksSchema());

        Assert.Contains(problems, p => p.StartsWith("$.total: is a string", StringComparison.Ordinal));
        Assert.Contains(problems,
            p => p.StartsWith("$.items[0].type: \"artist\" is not one of track", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("$.items[0].duration_ms: is a string", StringComparison.Ordinal));
        Assert.Contains(problems,
            p => p.StartsWith("$.items[0].artists[0].name: is the number 7", StringComparison.Ordinal));
        Assert.Contains("$.items[0].album.images[0]: misses required \"width\"", problems);
        Assert.Equal(5, problems.Count);
    }

    [Fact]
    public void A_required_field_that_is_missing_or_null_is_reported()
    {
        var body = JsonDocument.Parse(
            """{"limit": 20, "next": null, "offset": 0, "previous": null, "total": 0, "items": null}""").RootElement;

        var problems = Validator.Validate(body, TopTracksSchema());

        Assert.Equal(["$: misses required \"href\"", "$.items: is null but the schema does not allow null"], problems);
    }

    [Fact]
    public void A_body_that_matches_none_of_the_alternatives_is_reported()
    {
        var operation = Spec.Operation("/me/player/queue", "get")!;
        var body =
            JsonDocument.Parse(
                """{"currently_playing": {"type": "track", "duration_ms": true}, "queue": []}""").RootElement;

        var problems = Validator.Validate(body, Spec.ResponseSchema(operation, "200")!);

        Assert.StartsWith("$.currently_playing: matches none of the 2 alternatives", problems[0],
            StringComparison.Ordinal);
        Assert.Contains(problems,
            p => p.Contains("$.currently_playing.duration_ms: is a boolean", StringComparison.Ordinal));
    }

    [Fact]
    public void A_well_formed_body_passes_and_deprecated_required_fields_may_be_missing()
    {
        var operation = Spec.Operation("/albums/{id}", "get")!;
        var album = JsonDocument.Parse("""
            {
              "album_type": "album", "total_tracks": 1, "external_urls": {"spotify": "s"}, "href": "h", "id": "x",
              "images": [{"url": "u", "height": null, "width": null}], "name": "A", "release_date": "2020-01-02",
              "release_date_precision": "day", "type": "album", "uri": "spotify:album:x", "artists": [],
              "copyrights": [], "external_ids": {"upc": "1"}, "genres": [], "label": "L",
              "tracks": {"href": "h", "limit": 50, "next": null, "offset": 0, "previous": null, "total": 0, "items": []}
            }
            """).RootElement;

        Assert.Empty(Validator.Validate(album, Spec.ResponseSchema(operation, "200")!));
    }

    private static YamlDotNet.RepresentationModel.YamlMappingNode TopTracksSchema() =>
        Spec.ResponseSchema(Spec.Operation("/me/top/tracks", "GET")!, "200")!;
}
