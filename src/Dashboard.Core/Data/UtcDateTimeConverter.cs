using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Dashboard.Core.Data;

/// <summary>Stores DateTimes as UTC and reads them back with <see cref="DateTimeKind.Utc"/>.</summary>
internal sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
    value => value.Kind == DateTimeKind.Local ? value.ToUniversalTime() : DateTime.SpecifyKind(value, DateTimeKind.Utc),
    value => DateTime.SpecifyKind(value, DateTimeKind.Utc));
