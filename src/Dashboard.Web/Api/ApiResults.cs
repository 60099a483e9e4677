namespace Dashboard.Web.Api;

/// <summary>The JSON API's error bodies: <c>{"detail": ...}</c>, with a list of field problems for 422.</summary>
public static class ApiResults
{
    public static IResult Unprocessable(string[] location, string message, string type) =>
        Unprocessable([new FieldProblem(location, message, type)]);

    public static IResult Unprocessable(IReadOnlyList<FieldProblem> problems) =>
        Results.Json(new { detail = problems }, statusCode: StatusCodes.Status422UnprocessableEntity);

    public static IResult NotFound(string message) => Results.Json(new { detail = message }, statusCode: StatusCodes.Status404NotFound);

    public static IResult Status(int statusCode, string message) => Results.Json(new { detail = message }, statusCode: statusCode);
}
