using System.Collections.Concurrent;
using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Reflection;
using System.Text.Json;
using Dashboard.Core.Analytics;

namespace Dashboard.Web.Api;

/// <summary>
/// Binds a record of query parameters (<see cref="QueryParameters{TSelf}"/>) and collects what is wrong with the query,
/// so that a caller hears about every bad parameter at once, as <c>422 {"detail": [{"loc": ["query", name], "msg": ...,
/// "type": ...}]}</c>. Every parameter is given at most once, every date is yyyy-MM-dd within
/// <see cref="AcceptedDates"/>, every text is short and free of control characters (which PostgreSQL cannot even
/// store), every enum is named in snake_case. A parameter with a problem keeps its default, so the rules across
/// parameters still see the others.
/// </summary>
internal static class QueryBinder
{
    /// <summary>The key under which <see cref="IValidatableObject.Validate"/> finds the query as sent.</summary>
    private static readonly object QueryKey = typeof(QueryText);

    public static T Bind<T>(IQueryCollection query) where T : QueryParameters<T>, new()
    {
        var text = new QueryText(query);
        var parameters = new T();
        if (parameters is IReadsItsOwnQuery custom)
        {
            parameters = (T)custom.Read(text);
        }
        else
        {
            foreach (var parameter in QueryParameter.Of(typeof(T)))
            {
                if (Read(text, parameter, out var value))
                {
                    parameter.Property.SetValue(parameters, value);
                }
            }
        }
        if (parameters is IValidatableObject validatable)
        {
            var context = new ValidationContext(parameters, new Dictionary<object, object?> { [QueryKey] = text });
            foreach (var result in validatable.Validate(context))
            {
                foreach (var member in result.MemberNames)
                {
                    text.Problem(QueryParameter.NameOf(member), result.ErrorMessage ?? "value is not valid",
                        "value_error");
                }
            }
        }
        parameters.BindingProblems = text.Problems;
        return parameters;
    }

    /// <summary>Whether the query gave the parameter a value, valid or not: for rules across parameters.</summary>
    public static bool Given(ValidationContext context, string name) =>
        ((QueryText)context.Items[QueryKey]!).Raw(name) is not null;

    /// <summary>
    /// The parameter's value when it is given and valid; false when it is missing or has a problem (noted).
    /// </summary>
    private static bool Read(QueryText query, QueryParameter parameter, out object? value)
    {
        value = null;
        var name = parameter.Name;
        if (query.Raw(name) is not { } text)
        {
            if (parameter.Required)
            {
                query.Problem(name, "field required", "value_error.missing");
            }
            return false;
        }
        if (parameter.NullMeansNone && string.Equals(text, "null", StringComparison.OrdinalIgnoreCase)
            && parameter.Type != typeof(string))
        {
            return false;
        }
        if (parameter.Type == typeof(int))
        {
            if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number))
            {
                return query.Problem(name, "value is not a valid integer", "type_error.integer");
            }
            if (parameter.Range is { } range && number < (int)range.Minimum)
            {
                return query.Problem(name, $"ensure this value is greater than or equal to {range.Minimum}",
                    "value_error.number.not_ge");
            }
            if (parameter.Range is { } upper && number > (int)upper.Maximum)
            {
                return query.Problem(name, $"ensure this value is less than or equal to {upper.Maximum}",
                    "value_error.number.not_le");
            }
            value = number;
            return true;
        }
        if (parameter.Type == typeof(DateOnly))
        {
            if (!Periods.TryParseDate(text, out var day))
            {
                return query.Problem(name, "value is not a valid date (yyyy-MM-dd)", "type_error.date");
            }
            if (!AcceptedDates.Contains(day))
            {
                return query.Problem(name, $"value {AcceptedDates.OutsideMessage}", QueryText.OutOfRange);
            }
            value = day;
            return true;
        }
        if (parameter.Type.IsEnum || parameter.Allowed is not null)
        {
            var allowed = parameter.AllowedNames;
            var index = allowed.FindIndex(a => string.Equals(a, text, StringComparison.OrdinalIgnoreCase));
            if (index < 0)
            {
                return query.Problem(name, $"value is not one of: {string.Join(", ", allowed)}", "type_error.enum");
            }
            value = parameter.Type.IsEnum ? Enum.GetValues(parameter.Type).GetValue(index) : allowed[index];
            return true;
        }
        if (parameter.MaxLength is { } maxLength && text.Length > maxLength)
        {
            return query.Problem(name, $"ensure this value has at most {maxLength} characters",
                "value_error.any_str.max_length");
        }
        if (text.Any(char.IsControl))
        {
            return query.Problem(name, "value must not contain control characters",
                "value_error.any_str.control_characters");
        }
        if (parameter.NullMeansNone && string.Equals(text, "null", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }
        value = text;
        return true;
    }
}

/// <summary>
/// A record that reads its parameters itself, from the query as sent (the period, whose rules span its three).
/// </summary>
internal interface IReadsItsOwnQuery
{
    /// <summary>The parameters read from <paramref name="query"/>, noting its problems there.</summary>
    object Read(QueryText query);
}

/// <summary>The query as sent, and the problems found with it so far.</summary>
internal sealed class QueryText(IQueryCollection query)
{
    public const string OutOfRange = "value_error.date.out_of_range";

    private readonly List<FieldProblem> _problems = [];
    private readonly HashSet<string> _repeated = [];

    public IReadOnlyList<FieldProblem> Problems => _problems;

    /// <summary>
    /// The parameter as sent (its first value, noting a problem when there are more); null when it is missing or empty.
    /// </summary>
    public string? Raw(string name)
    {
        var values = query[name];
        if (values.Count > 1 && _repeated.Add(name))
        {
            Problem(name, "value must be given once", "value_error.repeated");
        }
        return values.Count > 0 && values[0] is { Length: > 0 } text ? text.Trim() : null;
    }

    /// <summary>Notes a problem; false, for the reader that gives up on the parameter.</summary>
    public bool Problem(string name, string message, string type)
    {
        _problems.Add(new FieldProblem(["query", name], message, type));
        return false;
    }
}

/// <summary>
/// One property of a record of query parameters, as the binder reads it and the OpenAPI document describes it.
/// </summary>
internal sealed record QueryParameter(
    string Name,
    PropertyInfo Property,
    Type Type,
    string? Description,
    object? Default,
    RangeAttribute? Range,
    int? MaxLength,
    IReadOnlyList<object>? Allowed,
    bool NullMeansNone,
    bool Required)
{
    private static readonly ConcurrentDictionary<Type, IReadOnlyList<QueryParameter>> Cache = new();

    /// <summary>The names an enum or a list of allowed values accepts, as the caller writes them.</summary>
    public List<string> AllowedNames => Type.IsEnum
        ? [.. Enum.GetNames(Type).Select(NameOf)]
        : [.. (Allowed ?? []).Select(a => Convert.ToString(a, CultureInfo.InvariantCulture)!)];

    /// <summary>The parameters of a record, in the order they are declared (those of a base record first).</summary>
    public static IReadOnlyList<QueryParameter> Of(Type record) => Cache.GetOrAdd(record, type =>
    {
        var defaults = Activator.CreateInstance(type);
        return type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.SetMethod?.IsPublic == true)
            .OrderBy(p => Depth(p.DeclaringType!)).ThenBy(p => p.MetadataToken)
            .Select(p => new QueryParameter(
                NameOf(p.Name),
                p,
                Nullable.GetUnderlyingType(p.PropertyType) ?? p.PropertyType,
                p.GetCustomAttribute<DescriptionAttribute>()?.Description,
                p.GetCustomAttribute<DefaultValueAttribute>()?.Value ?? p.GetValue(defaults),
                p.GetCustomAttribute<RangeAttribute>(),
                p.GetCustomAttribute<MaxLengthAttribute>()?.Length,
                p.GetCustomAttribute<AllowedValuesAttribute>()?.Values.Select(v => v!).ToList(),
                p.GetCustomAttribute<NullMeansNoneAttribute>() is not null,
                p.GetCustomAttribute<RequiredAttribute>() is not null))
            .ToList();
    });

    /// <summary>
    /// A property's or an enum value's name as the API writes it: <c>BreakdownFilterByValue</c> is
    /// <c>breakdown_filter_by_value</c>.
    /// </summary>
    public static string NameOf(string member) => JsonNamingPolicy.SnakeCaseLower.ConvertName(member);

    private static int Depth(Type type) => type.BaseType is { } parent ? 1 + Depth(parent) : 0;
}
