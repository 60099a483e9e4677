using Dashboard.Core.Data;
using Dashboard.Core.Listening;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Analytics;

/// <summary>What every analytics query needs to know about its user.</summary>
public sealed record QueryUser(int UserId, TimeZoneInfo Zone, PlayCountRule Rule)
{
    public static async Task<QueryUser> LoadAsync(DashboardDbContext db, int userId,
        CancellationToken cancellationToken)
    {
        var user = await db.Users.AsNoTracking()
            .Where(u => u.Id == userId)
            .Select(u => new { u.TimeZone, u.PlayCountRule })
            .SingleOrDefaultAsync(cancellationToken)
            ?? throw new InvalidOperationException($"User {userId} does not exist.");
        return new QueryUser(userId, TimeZones.FindOrUtc(user.TimeZone), user.PlayCountRule);
    }

    public DateOnly Today(TimeProvider clock) => LocalTime.Today(clock, Zone);

    /// <summary>This user's plays that count, on the local days of <paramref name="range"/>.</summary>
    public IQueryable<Play> CountedPlays(DashboardDbContext db, DayRange range) =>
        db.Plays.AsNoTracking()
            .Where(p => p.UserId == UserId && p.LocalDate >= range.From && p.LocalDate <= range.To && p.Counted);

    /// <summary>
    /// The days <paramref name="selection"/> covers, within <see cref="AcceptedDates"/>; all time starts at the first
    /// accepted day played. Plays stored on other days (an older version imported them) are in no range.
    /// </summary>
    public async Task<DayRange> ResolveAsync(DashboardDbContext db, PeriodSelection selection, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var today = AcceptedDates.Clamp(Today(clock));
        if (Periods.Resolve(selection, today) is { } range)
        {
            return AcceptedDates.Clamp(range);
        }
        var first = await db.HourlyRollups
            .Where(r => r.UserId == UserId && r.LocalDate >= AcceptedDates.First && r.LocalDate <= AcceptedDates.Last)
            .OrderBy(r => r.LocalDate).Select(r => (DateOnly?)r.LocalDate)
            .FirstOrDefaultAsync(cancellationToken);
        return new DayRange(first is { } day && day < today ? day : today, today);
    }
}
