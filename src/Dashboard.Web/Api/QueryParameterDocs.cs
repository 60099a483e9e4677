using System.Globalization;
using System.Reflection;
using System.Text.Json.Nodes;
using Dashboard.Core.Analytics;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Dashboard.Web.Api;

/// <summary>
/// Describes in the OpenAPI document the query parameters of every endpoint that takes records of them
/// (<see cref="IQueryParameters"/>), from the records themselves: each property's name, type and format, default,
/// bounds and allowed values, as <see cref="QueryBinder"/> reads them.
/// </summary>
internal static class QueryParameterDocs
{
    /// <summary>The days every date parameter accepts, for their descriptions.</summary>
    private static string Accepted =>
        $"from {AcceptedDates.Text(AcceptedDates.First)} to {AcceptedDates.Text(AcceptedDates.Last)}";

    public static Task DescribeAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context,
        CancellationToken _)
    {
        var handler = context.Description.ActionDescriptor.EndpointMetadata.OfType<MethodInfo>().FirstOrDefault();
        var records = (handler?.GetParameters() ?? [])
            .Where(p => typeof(IQueryParameters).IsAssignableFrom(p.ParameterType)).ToList();
        if (records.Count == 0)
        {
            return Task.CompletedTask;
        }
        // What the generator made of the records themselves, had it described them, is replaced by their properties.
        var recordNames = records.Select(r => r.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        operation.Parameters = [.. (operation.Parameters ?? [])
            .Where(p => p.Name is not { } name || !recordNames.Contains(name))];
        foreach (var parameter in records.SelectMany(r => QueryParameter.Of(r.ParameterType)))
        {
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = parameter.Name,
                In = ParameterLocation.Query,
                Description = parameter.Type == typeof(DateOnly)
                    ? $"{parameter.Description} A day as yyyy-MM-dd, {Accepted}." : parameter.Description,
                Schema = Schema(parameter),
                Required = parameter.Required,
            });
        }
        return Task.CompletedTask;
    }

    private static OpenApiSchema Schema(QueryParameter parameter)
    {
        var schema = new OpenApiSchema { Type = JsonSchemaType.String };
        if (parameter.Type == typeof(int))
        {
            schema.Type = JsonSchemaType.Integer;
            schema.Format = "int32";
            schema.Minimum = Convert.ToString(parameter.Range?.Minimum, CultureInfo.InvariantCulture);
            schema.Maximum = Convert.ToString(parameter.Range?.Maximum, CultureInfo.InvariantCulture);
        }
        else if (parameter.Type == typeof(DateOnly))
        {
            schema.Format = "date";
        }
        else if (parameter.Type.IsEnum || parameter.Allowed is not null)
        {
            schema.Enum = [.. parameter.AllowedNames.Select(n => (JsonNode)JsonValue.Create(n))];
        }
        else
        {
            schema.MaxLength = parameter.MaxLength;
        }
        schema.Default = parameter.Default switch
        {
            null => null,
            int number => JsonValue.Create(number),
            Enum value => JsonValue.Create(QueryParameter.NameOf(value.ToString())),
            var value => JsonValue.Create(Convert.ToString(value, CultureInfo.InvariantCulture)),
        };
        return schema;
    }
}
