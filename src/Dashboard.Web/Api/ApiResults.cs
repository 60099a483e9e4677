namespace Dashboard.Web.Api;

/// <summary>The JSON API's error bodies: <c>{"detail": ...}</c>, with a list of field problems for 422.</summary>
public static class ApiResults
{
    public static IResult Unprocessable(string[] location, string message, string type) =>
        Results.Json(new { detail = new[] { new { loc = location, msg = message, type } } }, statusCode: StatusCodes.Status422UnprocessableEntity);

    public static IResult NotFound(string message) => Results.Json(new { detail = message }, statusCode: StatusCodes.Status404NotFound);

    public static IResult Status(int statusCode, string message) => Results.Json(new { detail = message }, statusCode: statusCode);
}
