using Dashboard.Core.Accounts;
using Dashboard.Core.Analytics;
using Dashboard.Core.Analytics.Rollups;
using Dashboard.Core.Data;
using Dashboard.Core.Imports;
using Dashboard.Core.Listening;
using Dashboard.Core.Notifications;
using Dashboard.Core.Player;
using Dashboard.Core.Reports;
using Dashboard.Core.Spotify;
using Dashboard.Core.Sync;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Dashboard.Core;

public static class CoreServiceCollectionExtensions
{
    /// <summary>The database and the domain services every host of Core needs.</summary>
    public static IServiceCollection AddDashboardCore(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddDashboardData();

        services.AddDashboardSpotify();
        services.AddSingleton<UserAccounts>();
        services.AddSingleton<ApiTokens>();
        services.AddSingleton<SpotifyConnections>();
        services.AddSingleton<ApiCallLog>();
        services.AddSingleton<PlayerService>();

        // Live updates and cancels between the app's instances, when several share a PostgreSQL database.
        services.AddSingleton<ClusterChannel>();
        services.AddHostedService<ClusterReceiver>();

        services.AddOptions<ImportOptions>().BindConfiguration(ImportOptions.SectionName).ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<ImportNotifier>();
        services.AddSingleton<ImportService>();
        services.AddSingleton<ImportUndo>();
        services.AddSingleton<PlayDeletion>();

        services.AddOptions<SyncOptions>().BindConfiguration(SyncOptions.SectionName).ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<SyncNotifier>();
        services.AddSingleton<RecentlyPlayedSync>();
        services.AddSingleton<CatalogueEnrichment>();
        services.AddSingleton<CatalogueLookups>();
        services.AddSingleton<LibrarySync>();
        services.AddSingleton<TopItemsSync>();
        services.AddSingleton<ChangedFiguresRefresh>();
        services.AddSingleton<SyncRunRecorder>();
        services.AddSingleton<SyncPipeline>();
        services.AddSingleton<SyncRuns>();

        services.AddSingleton<RollupService>();
        services.AddSingleton<OverviewService>();
        services.AddSingleton<TrendService>();
        services.AddSingleton<TopListsService>();
        services.AddSingleton<ChartsService>();
        services.AddSingleton<HistoryService>();
        services.AddSingleton<DetailService>();
        services.AddSingleton<HabitsService>();
        services.AddSingleton<GenresService>();

        services.AddOptions<ReportOptions>().BindConfiguration(ReportOptions.SectionName).ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<ReportNotifier>();
        services.AddSingleton<ReportLinks>();
        services.AddSingleton<DailyAnalyticsReport>();
        services.AddSingleton<ListeningHistoryReport>();
        services.AddSingleton<TopListsReport>();
        services.AddSingleton<PeriodSummaryReport>();
        services.AddSingleton<ReportService>();
        return services;
    }
}
