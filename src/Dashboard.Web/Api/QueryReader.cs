using System.Globalization;
using System.Text.Json;
using Dashboard.Core.Analytics;

namespace Dashboard.Web.Api;

/// <summary>
/// Reads an endpoint's query parameters and collects what is wrong with them, so that a caller hears about every bad
/// parameter at once, as <c>422 {"detail": [{"loc": ["query", name], "msg": ..., "type": ...}]}</c>. Every parameter is
/// given at most once, every date lies within <see cref="AcceptedDates"/>, every text is short and free of control
/// characters (which PostgreSQL cannot even store).
/// </summary>
internal sealed class QueryReader(IQueryCollection query)
{
    /// <summary>The deepest page of any list: a million pages hold more than a lifetime of listening.</summary>
    public const int MaxPage = HistoryService.MaxPage;

    private readonly List<FieldProblem> _problems = [];
    private readonly HashSet<string> _repeated = [];

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

    /// <summary>The page of a list, from 1 to <see cref="MaxPage"/>.</summary>
    public int Page() => Int("page", 1, 1, MaxPage);

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

    /// <summary>A day as <c>yyyy-MM-dd</c>, within <see cref="AcceptedDates"/>.</summary>
    public DateOnly? Date(string name)
    {
        if (Raw(name) is not { } text)
        {
            return null;
        }
        if (!Periods.TryParseDate(text, out var day))
        {
            return Problem<DateOnly?>(name, "value is not a valid date (yyyy-MM-dd)", "type_error.date", null);
        }
        return AcceptedDates.Contains(day) ? day : Problem<DateOnly?>(name, $"value {AcceptedDates.OutsideMessage}", OutOfRange, null);
    }

    /// <summary>Text of at most <paramref name="maxLength"/> characters, none of them a control character.</summary>
    public string? Text(string name, int maxLength)
    {
        var text = Raw(name);
        if (text is { Length: > 0 } && text.Length > maxLength)
        {
            return Problem<string?>(name, $"ensure this value has at most {maxLength} characters", "value_error.any_str.max_length", null);
        }
        return text is not null && text.Any(char.IsControl)
            ? Problem<string?>(name, "value must not contain control characters", "value_error.any_str.control_characters", null)
            : text;
    }

    /// <summary>
    /// The analytics period: <c>period</c> (week, month, quarter, year, all_time), or <c>period=custom</c> with
    /// <c>from</c> and <c>to</c> as yyyy-MM-dd, read as the pages read their addresses.
    /// </summary>
    public PeriodSelection Period(PeriodSelection fallback)
    {
        if (Periods.TryParse(Raw("period"), Raw("from"), Raw("to"), fallback, out var selection, out var errors))
        {
            return selection;
        }
        foreach (var error in errors)
        {
            var type = error.Problem switch
            {
                PeriodProblem.UnknownPeriod => "type_error.enum",
                PeriodProblem.OutsideAcceptedDates => OutOfRange,
                PeriodProblem.TooLong => "value_error.date.range_too_long",
                _ => "value_error",
            };
            Problem(error.Parameter, $"value {error.Message}", type, fallback);
        }
        return fallback;
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

    /// <summary>The parameter as sent (its first value, noting a problem when there are more); null when it is missing or empty.</summary>
    public string? Raw(string name)
    {
        var values = query[name];
        if (values.Count > 1 && _repeated.Add(name))
        {
            Problem(name, "value must be given once", "value_error.repeated", 0);
        }
        return values.Count > 0 && values[0] is { Length: > 0 } text ? text.Trim() : null;
    }

    private T Problem<T>(string name, string message, string type, T fallback)
    {
        _problems.Add(new FieldProblem(["query", name], message, type));
        return fallback;
    }

    private const string OutOfRange = "value_error.date.out_of_range";

    private static string SnakeCase<T>(T value) where T : struct, Enum => JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString());
}

/// <summary>One problem with a request, in the shape of the seed API's 422 bodies.</summary>
public sealed record FieldProblem(string[] Loc, string Msg, string Type);
