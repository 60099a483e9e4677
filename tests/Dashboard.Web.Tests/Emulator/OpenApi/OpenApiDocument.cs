using YamlDotNet.RepresentationModel;

namespace Dashboard.Web.Tests.Emulator.OpenApi;

/// <summary>
/// The parts of an OpenAPI 3.0 document the conformance tests read: operations, their responses and schemas.
/// </summary>
internal sealed class OpenApiDocument
{
    private readonly YamlMappingNode _root;

    private OpenApiDocument(YamlMappingNode root) => _root = root;

    /// <summary>
    /// The Spotify Web API spec kept in tests/samples (paths relative to https://api.spotify.com/v1).
    /// </summary>
    public static OpenApiDocument Spotify { get; } = Load(FindSample("spotify-web-api/fixed-spotify-open-api.yml"));

    public static OpenApiDocument Load(string path)
    {
        using var reader = File.OpenText(path);
        return Parse(reader);
    }

    public static OpenApiDocument Parse(TextReader reader)
    {
        var yaml = new YamlStream();
        yaml.Load(reader);
        return new OpenApiDocument((YamlMappingNode)yaml.Documents[0].RootNode);
    }

    /// <summary>
    /// The operation for <paramref name="method"/> on <paramref name="path"/> (e.g. <c>/tracks/{id}</c>), if the spec
    /// has it.
    /// </summary>
    public YamlMappingNode? Operation(string path, string method) =>
        Child(Child(Child(_root, "paths"), path), method.ToLowerInvariant());

    /// <summary>The status codes the operation lists.</summary>
    public IReadOnlyList<string> Statuses(YamlMappingNode operation) =>
        Child(operation, "responses")?.Children.Keys.Select(k => ((YamlScalarNode)k).Value!).ToList() ?? [];

    /// <summary>The JSON schema of one response of the operation; null when the response has no body.</summary>
    public YamlMappingNode? ResponseSchema(YamlMappingNode operation, string status)
    {
        var response = Resolve(Child(Child(operation, "responses"), status));
        return Child(Child(Child(response, "content"), "application/json"), "schema");
    }

    /// <summary>Follows <c>$ref</c>s (<c>#/components/...</c>) until it reaches a node that is not one.</summary>
    public YamlMappingNode? Resolve(YamlMappingNode? node)
    {
        while (node is not null && Scalar(node, "$ref") is { } reference)
        {
            node = reference.TrimStart('#', '/').Split('/').Aggregate((YamlMappingNode?)_root, Child)
                ?? throw new InvalidOperationException($"The spec has no {reference}.");
        }
        return node;
    }

    public static YamlMappingNode? Child(YamlMappingNode? node, string key) =>
        node is not null
            && node.Children.TryGetValue(new YamlScalarNode(key), out var child) ? child as YamlMappingNode : null;

    public static IEnumerable<YamlNode> Sequence(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var child)
            && child is YamlSequenceNode sequence ? sequence.Children : [];

    public static string? Scalar(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var child) ? (child as YamlScalarNode)?.Value : null;

    private static string FindSample(string relative)
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory =
            directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "tests", "samples", relative);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }
        throw new FileNotFoundException($"tests/samples/{relative} not found above {AppContext.BaseDirectory}.");
    }
}
