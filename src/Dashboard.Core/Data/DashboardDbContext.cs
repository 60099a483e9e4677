using Dashboard.Core.Accounts;
using Dashboard.Core.Analytics.Rollups;
using Dashboard.Core.Imports;
using Dashboard.Core.Listening;
using Dashboard.Core.Reports;
using Dashboard.Core.Spotify;
using Dashboard.Core.Sync;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Conventions;

namespace Dashboard.Core.Data;

public sealed class DashboardDbContext(DbContextOptions<DashboardDbContext> options) : DbContext(options),
    IDataProtectionKeyContext
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

    public DbSet<Import> Imports => Set<Import>();
    public DbSet<PlayMerge> PlayMerges => Set<PlayMerge>();
    public DbSet<SyncRun> SyncRuns => Set<SyncRun>();
    public DbSet<SyncStep> SyncSteps => Set<SyncStep>();
    public DbSet<ApiCall> ApiCalls => Set<ApiCall>();
    public DbSet<Report> Reports => Set<Report>();

    /// <summary>
    /// ASP.NET Data Protection's keys, kept by the framework's own store (<c>PersistKeysToDbContext</c>) so that every
    /// instance decrypts what any other encrypted: sign-in cookies, Spotify tokens, signed download links.
    /// </summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    /// <summary>
    /// Tables and columns in snake_case, so hand-written SQL (the bulk importer) reads the same on SQLite and
    /// PostgreSQL, where PascalCase would need quoting everywhere. Set here rather than where the provider is chosen,
    /// so the app, the design-time factories and the tests all build the one model and read the one history table.
    /// </summary>
    protected override void OnConfiguring(DbContextOptionsBuilder optionsBuilder) =>
        optionsBuilder.UseSnakeCaseNamingConvention().KeepMigrationsHistoryNames();

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
        KeepConstraintNames(modelBuilder);
    }

    /// <summary>
    /// Keys, foreign keys and indexes keep the names every existing database has: EF Core's own (<c>PK_users</c>,
    /// <c>FK_plays_users_user_id</c>, <c>IX_plays_...</c>) and the names given to indexes in their configuration. The
    /// naming convention would lower-case the prefixes and name the named indexes after their columns, and a migration
    /// renaming every constraint of every database would change nothing a reader of the schema needs.
    /// </summary>
    private static void KeepConstraintNames(ModelBuilder modelBuilder)
    {
        foreach (var entity in modelBuilder.Model.GetEntityTypes())
        {
            foreach (var key in entity.GetDeclaredKeys())
            {
                key.SetName(key.GetDefaultName());
            }
            foreach (var foreignKey in entity.GetDeclaredForeignKeys())
            {
                foreignKey.SetConstraintName(foreignKey.GetDefaultName());
            }
            foreach (var index in entity.GetDeclaredIndexes())
            {
                index.SetDatabaseName(index.Name ?? index.GetDefaultDatabaseName());
            }
        }
    }
}
