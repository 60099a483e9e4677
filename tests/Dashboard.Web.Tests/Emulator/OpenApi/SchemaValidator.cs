using System.Text.Json;
using YamlDotNet.RepresentationModel;
using static Dashboard.Web.Tests.Emulator.OpenApi.OpenApiDocument;

namespace Dashboard.Web.Tests.Emulator.OpenApi;

/// <summary>
/// Checks a JSON body against an OpenAPI 3.0 schema, loosely where Spotify's spec is loose: <c>$ref</c> and
/// <c>allOf</c> are followed, <c>oneOf</c>/<c>anyOf</c> pass when any alternative does, required properties must be
/// present and every present property must have the declared JSON type (and value, for enums), recursing into
/// objects and arrays. Unknown properties are allowed. Returns each problem with its JSON path.
/// </summary>
/// <remarks>
/// Two allowances follow how Spotify really answers. A required property may be missing when the spec marks it
/// deprecated: Spotify stopped sending those to development-mode apps in February 2026 while the spec still
/// requires some (an album's <c>popularity</c>, <c>available_markets</c>). And a property that is not required may
/// be <c>null</c>: the spec says "can be null" in prose for <c>context</c>, <c>item</c> or <c>next</c> without
/// marking them <c>nullable</c>.
/// </remarks>
internal sealed class SchemaValidator(OpenApiDocument document)
{
    public IReadOnlyList<string> Validate(JsonElement value, YamlMappingNode schema)
    {
        var problems = new List<string>();
        Check(value, schema, "$", problems);
        return problems;
    }

    private void Check(JsonElement value, YamlMappingNode schemaNode, string path, List<string> problems)
    {
        var schema = Flatten(schemaNode);
        if (value.ValueKind == JsonValueKind.Null)
        {
            if (!schema.Nullable)
            {
                problems.Add($"{path}: is null but the schema does not allow null");
            }
            return;
        }
        foreach (var alternatives in schema.Alternatives)
        {
            CheckAlternatives(value, alternatives, path, problems);
        }
        if (schema.Types.Count > 0 && !schema.Types.All(type => HasType(value, type)))
        {
            problems.Add($"{path}: is {Describe(value)} but the schema says {string.Join(" and ", schema.Types)}");
            return;
        }
        if (schema.Enum is { } allowed && value.ValueKind == JsonValueKind.String
            && !allowed.Contains(value.GetString()))
        {
            problems.Add($"{path}: \"{value.GetString()}\" is not one of {string.Join(", ", allowed)}");
        }
        if (value.ValueKind == JsonValueKind.Object)
        {
            CheckObject(value, schema, path, problems);
        }
        else if (value.ValueKind == JsonValueKind.Array && schema.Items is { } items)
        {
            var index = 0;
            foreach (var item in value.EnumerateArray())
            {
                Check(item, items, $"{path}[{index++}]", problems);
            }
        }
    }

    private void CheckObject(JsonElement value, FlatSchema schema, string path, List<string> problems)
    {
        foreach (var name in schema.Required)
        {
            var property = schema.Properties.GetValueOrDefault(name);
            if (!value.TryGetProperty(name, out _) && !(property is not null && IsDeprecated(property)))
            {
                problems.Add($"{path}: misses required \"{name}\"");
            }
        }
        foreach (var member in value.EnumerateObject())
        {
            if (!schema.Properties.TryGetValue(member.Name, out var property))
            {
                continue;
            }
            if (member.Value.ValueKind == JsonValueKind.Null && !schema.Required.Contains(member.Name))
            {
                continue;
            }
            Check(member.Value, property, $"{path}.{member.Name}", problems);
        }
    }

    private void CheckAlternatives(JsonElement value, IReadOnlyList<YamlMappingNode> alternatives, string path,
        List<string> problems)
    {
        var attempts = alternatives.Select(alternative =>
        {
            var found = new List<string>();
            Check(value, alternative, path, found);
            return found;
        }).ToList();
        if (attempts.All(found => found.Count > 0))
        {
            problems.Add($"{path}: matches none of the {alternatives.Count} alternatives; the closest says:");
            problems.AddRange(attempts.MinBy(found => found.Count)!.Select(problem => "  " + problem));
        }
    }

    /// <summary>A schema with its <c>$ref</c> and <c>allOf</c> parts merged into one.</summary>
    private FlatSchema Flatten(YamlMappingNode node)
    {
        var flat = new FlatSchema();
        Merge(document.Resolve(node)!, flat);
        return flat;
    }

    private void Merge(YamlMappingNode schema, FlatSchema flat)
    {
        foreach (var part in Sequence(schema, "allOf").OfType<YamlMappingNode>())
        {
            Merge(document.Resolve(part)!, flat);
        }
        foreach (var keyword in (string[])["oneOf", "anyOf"])
        {
            var alternatives = Sequence(schema, keyword).OfType<YamlMappingNode>().ToList();
            if (alternatives.Count > 0)
            {
                flat.Alternatives.Add(alternatives);
            }
        }
        if (Scalar(schema, "type") is { } type)
        {
            flat.Types.Add(type);
        }
        flat.Nullable |= Scalar(schema, "nullable") == "true";
        flat.Required.UnionWith(Sequence(schema, "required").OfType<YamlScalarNode>().Select(n => n.Value!));
        if (Child(schema, "properties") is { } properties)
        {
            foreach (var (key, property) in properties.Children)
            {
                flat.Properties[((YamlScalarNode)key).Value!] = (YamlMappingNode)property;
            }
        }
        flat.Items ??= Child(schema, "items");
        if (Sequence(schema, "enum").OfType<YamlScalarNode>().Select(n => n.Value!).ToList() is { Count: > 0 } values)
        {
            flat.Enum = values;
        }
    }

    private bool IsDeprecated(YamlMappingNode property) =>
        Scalar(property, "deprecated") == "true" || Scalar(document.Resolve(property)!, "deprecated") == "true";

    private static bool HasType(JsonElement value, string type) => type switch
    {
        "object" => value.ValueKind == JsonValueKind.Object,
        "array" => value.ValueKind == JsonValueKind.Array,
        "string" => value.ValueKind == JsonValueKind.String,
        "boolean" => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
        "integer" => value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out _),
        "number" => value.ValueKind == JsonValueKind.Number,
        _ => true,
    };

    private static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Number => $"the number {value.GetRawText()}",
        JsonValueKind.String => "a string",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => $"an {value.ValueKind.ToString().ToLowerInvariant()}",
    };

    private sealed class FlatSchema
    {
        public HashSet<string> Types { get; } = [];
        public bool Nullable { get; set; }
        public HashSet<string> Required { get; } = [];
        public Dictionary<string, YamlMappingNode> Properties { get; } = [];
        public YamlMappingNode? Items { get; set; }
        public IReadOnlyList<string>? Enum { get; set; }
        public List<IReadOnlyList<YamlMappingNode>> Alternatives { get; } = [];
    }
}
