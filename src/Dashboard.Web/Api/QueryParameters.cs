using System.Reflection;
using Microsoft.AspNetCore.Http.Metadata;

namespace Dashboard.Web.Api;

/// <summary>
/// A record of an endpoint's query parameters, bound and checked by <see cref="QueryBinder"/>. The endpoint takes it as
/// a parameter; what is wrong with the query is answered as one 422 before the endpoint runs (<see
/// cref="QueryProblems"/>), and the OpenAPI document describes the record's properties (<see
/// cref="QueryParameterDocs"/>).
/// </summary>
public interface IQueryParameters
{
    /// <summary>
    /// What is wrong with the query, in the order the parameters are declared; empty when it is fine.
    /// </summary>
    IReadOnlyList<FieldProblem> Problems { get; }
}

/// <summary>
/// The base of a record of query parameters: each public property with an <c>init</c> accessor is one parameter, named
/// in snake_case, its initial value the default, with its bounds from
/// <see cref="System.ComponentModel.DataAnnotations.RangeAttribute"/>,
/// <see cref="System.ComponentModel.DataAnnotations.MaxLengthAttribute"/> and
/// <see cref="System.ComponentModel.DataAnnotations.AllowedValuesAttribute"/>, and its rules across parameters from
/// <see cref="System.ComponentModel.DataAnnotations.IValidatableObject"/>.
/// </summary>
/// <remarks>
/// The framework's own binding of <c>[AsParameters]</c> records cannot give the API's answers: a value it cannot parse
/// (<c>page=abc</c>, a repeated <c>page</c>, an enum in snake_case such as <c>period=all_time</c>) ends the request
/// with an empty 400 before any validation runs, a repeated text is joined with commas, and validation answers 400 in
/// its own shape and words; callers would no longer hear every problem at once as the API's 422.
/// </remarks>
public abstract record QueryParameters<TSelf> : IQueryParameters, IBindableFromHttpContext<TSelf>,
    IEndpointParameterMetadataProvider
    where TSelf : QueryParameters<TSelf>, new()
{
    IReadOnlyList<FieldProblem> IQueryParameters.Problems => BindingProblems;

    internal IReadOnlyList<FieldProblem> BindingProblems { get; set; } = [];

    // Minimal APIs find these two as static members of the parameter's type: the record binds itself, and adds the 422.
    public static ValueTask<TSelf?> BindAsync(HttpContext context, ParameterInfo parameter) =>
        ValueTask.FromResult<TSelf?>(QueryBinder.Bind<TSelf>(context.Request.Query));

    public static void PopulateMetadata(ParameterInfo parameter, EndpointBuilder builder) => QueryProblems.Add(builder);
}

/// <summary>Any page of a list, from 1 to <see cref="MaxPage"/>.</summary>
public sealed record PageParameters : QueryParameters<PageParameters>
{
    /// <summary>The deepest page of any list: a million pages hold more than a lifetime of listening.</summary>
    public const int MaxPage = Core.Analytics.HistoryService.MaxPage;

    [System.ComponentModel.Description("The page.")]
    [System.ComponentModel.DataAnnotations.Range(1, MaxPage)]
    public int Page { get; init; } = 1;
}

/// <summary>
/// The word <c>null</c> for this parameter means it was not given a value, as when it is missing (clients send it so).
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class NullMeansNoneAttribute : Attribute;

/// <summary>
/// Answers 422 with every problem of an endpoint's query parameters before the endpoint runs, and says so in the
/// OpenAPI document.
/// </summary>
internal static class QueryProblems
{
    private sealed class Marker;

    /// <summary>Adds the check once per endpoint, however many records of parameters it takes.</summary>
    public static void Add(EndpointBuilder builder)
    {
        if (builder.Metadata.OfType<Marker>().Any())
        {
            return;
        }
        builder.Metadata.Add(new Marker());
        builder.Metadata.Add(
            new ProducesResponseTypeMetadata(StatusCodes.Status422UnprocessableEntity, typeof(ValidationErrors),
                ["application/json"]));
        builder.FilterFactories.Add((_, next) => async invocation =>
        {
            var problems = invocation.Arguments.OfType<IQueryParameters>().SelectMany(p => p.Problems).ToList();
            return problems.Count == 0 ? await next(invocation) : ApiResults.Unprocessable(problems);
        });
    }
}

/// <summary>One problem with a request, as every 422 body lists them: where, what, and of which kind.</summary>
public sealed record FieldProblem(string[] Loc, string Msg, string Type);
