using Dashboard.Core.Accounts;
using Dashboard.Core.Analytics.Rollups;
using Dashboard.Core.Listening;
using Dashboard.Core.Reports;
using Dashboard.Core.Spotify;
using Dashboard.Core.Sync;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Conventions;
using ImportEntity = Dashboard.Core.Import.Import;

namespace Dashboard.Core.Data;

public sealed class DashboardDbContext(DbContextOptions<DashboardDbContext> options) : DbContext(options), IDataProtectionKeyContext
{
    public DbSet<User> Users => Set<User>();
    public DbSet<SpotifyToken> SpotifyTokens => Set<SpotifyToken>();
    public DbSet<ApiToken> ApiTokens => Set<ApiToken>();

    public DbSet<Artist> Artists => Set<Artist>();
    public DbSet<Album> Albums => Set<Album>();
    public DbSet<Track> Tracks => Set<Track>();
    public DbSet<TrackArtist> TrackArtists => Set<TrackArtist>();
    public DbSet<Show> Shows => Set<Show>();
    public DbSet<Episode> Episodes => Set<Episode>();
    public DbSet<Play> Plays => Set<Play>();

    public DbSet<DailyRollup> DailyRollups => Set<DailyRollup>();
    public DbSet<DimensionRollup> DimensionRollups => Set<DimensionRollup>();
    public DbSet<HourlyRollup> HourlyRollups => Set<HourlyRollup>();
    public DbSet<ItemTotal> ItemTotals => Set<ItemTotal>();
    public DbSet<ItemBreakdown> ItemBreakdowns => Set<ItemBreakdown>();
    public DbSet<WeeklyChartEntry> WeeklyCharts => Set<WeeklyChartEntry>();
    public DbSet<ListeningSession> ListeningSessions => Set<ListeningSession>();
    public DbSet<RollupState> RollupStates => Set<RollupState>();

    public DbSet<ImportEntity> Imports => Set<ImportEntity>();
    public DbSet<SyncRun> SyncRuns => Set<SyncRun>();
    public DbSet<SyncStep> SyncSteps => Set<SyncStep>();
    public DbSet<ApiCall> ApiCalls => Set<ApiCall>();
    public DbSet<Report> Reports => Set<Report>();

    /// <summary>
    /// ASP.NET Data Protection's keys, kept by the framework's own store (<c>PersistKeysToDbContext</c>) so that every
    /// instance decrypts what any other encrypted: sign-in cookies, Spotify tokens, signed download links.
    /// </summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Every DateTime in the model is UTC; SQLite hands them back unspecified.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<UtcDateTimeConverter>();

        // Every index is declared on purpose: an index per foreign key would slow the bulk import of
        // plays (three more indexes on the largest table) and help no query.
        configurationBuilder.Conventions.Remove<ForeignKeyIndexConvention>();
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(DashboardDbContext).Assembly);
        SnakeCaseNames.Apply(modelBuilder);
    }
}
