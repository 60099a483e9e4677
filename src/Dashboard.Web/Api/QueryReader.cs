using System.Globalization;
using System.Text.Json;
using Dashboard.Core.Analytics;

namespace Dashboard.Web.Api;

/// <summary>
/// Reads an endpoint's query parameters and collects what is wrong with them, so that a caller hears about every bad
/// parameter at once, as <c>422 {"detail": [{"loc": ["query", name], "msg": ..., "type": ...}]}</c>.
/// </summary>
internal sealed class QueryReader(IQueryCollection query)
{
    private readonly List<FieldProblem> _problems = [];

    /// <summary>422 with every problem found; null when the query is fine.</summary>
    public IResult? Problems => _problems.Count == 0 ? null : ApiResults.Unprocessable(_problems);

    public int Int(string name, int fallback, int min, int max)
    {
        if (Raw(name) is not { } text)
        {
            return fallback;
        }
        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
        {
            return Problem(name, "value is not a valid integer", "type_error.integer", fallback);
        }
        if (value < min)
        {
            return Problem(name, $"ensure this value is greater than or equal to {min}", "value_error.number.not_ge", fallback);
        }
        return value > max ? Problem(name, $"ensure this value is less than or equal to {max}", "value_error.number.not_le", fallback) : value;
    }

    public int? OptionalInt(string name, int min, int max) => Raw(name) is null ? null : Int(name, 0, min, max);

    /// <summary>An enum value by its snake_case name (<c>sign_in</c>); the problem lists the names allowed.</summary>
    public T? Enum<T>(string name) where T : struct, Enum
    {
        if (Raw(name) is not { } text)
        {
            return null;
        }
        foreach (var value in System.Enum.GetValues<T>())
        {
            if (string.Equals(SnakeCase(value), text, StringComparison.OrdinalIgnoreCase))
            {
                return value;
            }
        }
        return Problem<T?>(name, $"value is not one of: {string.Join(", ", System.Enum.GetValues<T>().Select(SnakeCase))}", "type_error.enum", null);
    }

    /// <summary>One of <paramref name="allowed"/>, as written there.</summary>
    public string? OneOf(string name, IReadOnlyList<string> allowed)
    {
        if (Raw(name) is not { } text)
        {
            return null;
        }
        return allowed.FirstOrDefault(a => string.Equals(a, text, StringComparison.OrdinalIgnoreCase))
               ?? Problem<string?>(name, $"value is not one of: {string.Join(", ", allowed)}", "type_error.enum", null);
    }

    /// <summary>A day as <c>yyyy-MM-dd</c>.</summary>
    public DateOnly? Date(string name)
    {
        if (Raw(name) is not { } text)
        {
            return null;
        }
        return DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? day
            : Problem<DateOnly?>(name, "value is not a valid date (yyyy-MM-dd)", "type_error.date", null);
    }

    public string? Text(string name, int maxLength)
    {
        var text = Raw(name);
        return text is { Length: > 0 } && text.Length > maxLength
            ? Problem<string?>(name, $"ensure this value has at most {maxLength} characters", "value_error.any_str.max_length", null)
            : text;
    }

    /// <summary>
    /// The analytics period: <c>period</c> (week, month, quarter, year, all_time), or <c>period=custom</c> with
    /// <c>from</c> and <c>to</c> as yyyy-MM-dd, read as the pages read their addresses.
    /// </summary>
    public PeriodSelection Period(PeriodSelection fallback)
    {
        if (Periods.TryParse(Raw("period"), Raw("from"), Raw("to"), fallback, out var selection, out var error))
        {
            return selection;
        }
        var type = error!.Parameter == "period" ? "type_error.enum" : "value_error";
        return Problem(error.Parameter, $"value {error.Message}", type, fallback);
    }

    /// <summary>A path segment that must be a positive whole number, such as an item's id.</summary>
    public static bool TryReadId(string text, string name, out int id, out IResult? problem)
    {
        problem = null;
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out id) && id > 0)
        {
            return true;
        }
        problem = ApiResults.Unprocessable(["path", name], "value is not a valid id (a positive whole number)", "type_error.integer");
        return false;
    }

    /// <summary>Records a problem that involves two parameters, e.g. a range given backwards.</summary>
    public void Check(bool holds, string name, string message)
    {
        if (!holds)
        {
            Problem(name, message, "value_error", 0);
        }
    }

    /// <summary>The parameter as sent; null when it is missing or empty.</summary>
    public string? Raw(string name) => query[name].ToString() is { Length: > 0 } text ? text.Trim() : null;

    private T Problem<T>(string name, string message, string type, T fallback)
    {
        _problems.Add(new FieldProblem(["query", name], message, type));
        return fallback;
    }

    private static string SnakeCase<T>(T value) where T : struct, Enum => JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString());
}

/// <summary>One problem with a request, in the shape of the seed API's 422 bodies.</summary>
public sealed record FieldProblem(string[] Loc, string Msg, string Type);
