using Dashboard.Core.Data;
using Dashboard.Core.Listening;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Analytics;

/// <summary>What every analytics query needs to know about its user.</summary>
public sealed record Listener(int UserId, TimeZoneInfo Zone, PlayCountRule Rule)
{
    public static async Task<Listener> LoadAsync(DashboardDbContext db, int userId, CancellationToken cancellationToken)
    {
        var user = await db.Users.AsNoTracking()
            .Where(u => u.Id == userId)
            .Select(u => new { u.TimeZone, u.PlayCountRule })
            .SingleOrDefaultAsync(cancellationToken)
            ?? throw new InvalidOperationException($"User {userId} does not exist.");
        return new Listener(userId, TimeZones.FindOrUtc(user.TimeZone), user.PlayCountRule);
    }

    /// <summary>This user's plays that count, on the local days of <paramref name="range"/>.</summary>
    public IQueryable<Play> CountedPlays(DashboardDbContext db, DateRange range) =>
        db.Plays.AsNoTracking()
            .Where(p => p.UserId == UserId && p.LocalDate >= range.From && p.LocalDate <= range.To)
            .ThatCount(Rule);

    /// <summary>The days <paramref name="period"/> covers; all time starts at the first play.</summary>
    public async Task<DateRange> ResolveAsync(DashboardDbContext db, Period period, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var today = LocalTime.Today(clock, Zone);
        if (Periods.Resolve(period, today) is { } range)
        {
            return range;
        }
        var first = await db.Plays.Where(p => p.UserId == UserId)
            .OrderBy(p => p.LocalDate).Select(p => (DateOnly?)p.LocalDate)
            .FirstOrDefaultAsync(cancellationToken);
        return new DateRange(first is { } day && day < today ? day : today, today);
    }
}
