using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Dashboard.Core.Analytics;

namespace Dashboard.Web.Api;

/// <summary>
/// What the trend is counted by, beside its period. Each breakdown level needs the one above it: a kept
/// value needs its dimension, and a second dimension needs the first dimension and a kept value of it.
/// </summary>
public sealed record TrendParameters : QueryParameters<TrendParameters>, IValidatableObject
{
    /// <summary>The longest value a filter matches: longer than any value the breakdown lists.</summary>
    private const int MaxValue = 200;

    [Description("Bucket size; by default daily for a week or a month, weekly for a quarter, monthly beyond.")]
    public Granularity? Granularity { get; init; }

    [Description("Split the trend by this dimension.")]
    [NullMeansNone]
    public Dimension? BreakdownDimension { get; init; }

    [Description(
        "Keep only this value of breakdown_dimension (as the breakdown lists it; unknown for missing values).")]
    [MaxLength(MaxValue)]
    [NullMeansNone]
    public string? BreakdownFilterByValue { get; init; }

    [Description("With breakdown_filter_by_value: split the kept plays again by this dimension.")]
    [NullMeansNone]
    public Dimension? Breakdown2Dimension { get; init; }

    [Description("Keep only this value of breakdown2_dimension.")]
    [MaxLength(MaxValue)]
    [NullMeansNone]
    public string? Breakdown2FilterByValue { get; init; }

    public TrendQuery Query(PeriodSelection selection) =>
        new(selection, Granularity, BreakdownDimension, BreakdownFilterByValue, Breakdown2Dimension,
            Breakdown2FilterByValue);

    /// <summary>
    /// A level counts as given when its parameter was sent at all, even as <c>null</c> or with a problem of its own.
    /// </summary>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (BreakdownFilterByValue is not null && !QueryBinder.Given(validationContext, "breakdown_dimension"))
        {
            yield return new ValidationResult("breakdown_dimension is required with a filter value",
                [nameof(BreakdownFilterByValue)]);
        }
        if (QueryBinder.Given(validationContext, "breakdown2_dimension")
            && (BreakdownDimension is null || BreakdownFilterByValue is null))
        {
            yield return new ValidationResult(
                "breakdown_dimension and breakdown_filter_by_value are required with a second dimension",
                [nameof(Breakdown2Dimension)]);
        }
        if (Breakdown2Dimension is not null && Breakdown2Dimension == BreakdownDimension)
        {
            yield return new ValidationResult("the second dimension must differ from the first",
                [nameof(Breakdown2Dimension)]);
        }
        if (Breakdown2FilterByValue is not null && !QueryBinder.Given(validationContext, "breakdown2_dimension"))
        {
            yield return new ValidationResult("breakdown2_dimension is required with a second filter value",
                [nameof(Breakdown2FilterByValue)]);
        }
    }
}
