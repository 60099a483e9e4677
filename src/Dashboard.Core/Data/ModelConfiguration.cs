using Dashboard.Core.Accounts;
using Dashboard.Core.Analytics.Rollups;
using Dashboard.Core.Imports;
using Dashboard.Core.Listening;
using Dashboard.Core.Reports;
using Dashboard.Core.Spotify;
using Dashboard.Core.Sync;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Dashboard.Core.Data;

// Index filters are SQL and use the final snake_case column names; double quotes work on SQLite and PostgreSQL.

internal sealed class UserConfiguration : IEntityTypeConfiguration<User>
{
    public void Configure(EntityTypeBuilder<User> user)
    {
        user.HasIndex(u => u.SpotifyId).IsUnique();
        user.HasIndex(u => u.AccountId).IsUnique();
        user.Property(u => u.TimeZone).HasDefaultValue("UTC");
    }
}

/// <summary>
/// The framework's key entity on the table earlier versions made for their own key store, as it is: the same
/// columns, the XML never null.
/// </summary>
internal sealed class DataProtectionKeyConfiguration : IEntityTypeConfiguration<DataProtectionKey>
{
    public void Configure(EntityTypeBuilder<DataProtectionKey> key) => key.Property(k => k.Xml).IsRequired();
}

internal sealed class SpotifyTokenConfiguration : IEntityTypeConfiguration<SpotifyToken>
{
    public void Configure(EntityTypeBuilder<SpotifyToken> token)
    {
        token.HasKey(t => t.UserId);
        token.HasOne<User>().WithOne().HasForeignKey<SpotifyToken>(t => t.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ApiTokenConfiguration : IEntityTypeConfiguration<ApiToken>
{
    public void Configure(EntityTypeBuilder<ApiToken> token)
    {
        token.HasIndex(t => t.TokenHash).IsUnique();
        token.HasIndex(t => t.UserId);
        token.HasOne<User>().WithMany().HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ArtistConfiguration : IEntityTypeConfiguration<Artist>
{
    public void Configure(EntityTypeBuilder<Artist> artist)
    {
        artist.HasOne<User>().WithMany().HasForeignKey(a => a.UserId).OnDelete(DeleteBehavior.Restrict);
        artist.HasIndex(a => new { a.UserId, a.SpotifyId }).IsUnique();
        artist.HasIndex(a => new { a.UserId, a.Name }, "ux_artists_user_name_unresolved").IsUnique()
            .HasFilter("\"spotify_id\" IS NULL");
        artist.HasIndex(a => new { a.UserId, a.Name }, "ix_artists_user_name");
    }
}

internal sealed class AlbumConfiguration : IEntityTypeConfiguration<Album>
{
    public void Configure(EntityTypeBuilder<Album> album)
    {
        album.HasOne<User>().WithMany().HasForeignKey(a => a.UserId).OnDelete(DeleteBehavior.Restrict);
        album.HasIndex(a => new { a.UserId, a.SpotifyId }).IsUnique();
        album.HasIndex(a => new { a.PrimaryArtistId, a.Name }, "ux_albums_artist_name_unresolved").IsUnique()
            .HasFilter("\"spotify_id\" IS NULL");
        album.HasIndex(a => new { a.PrimaryArtistId, a.Name }, "ix_albums_artist_name");
        album.HasOne(a => a.PrimaryArtist).WithMany().HasForeignKey(a => a.PrimaryArtistId)
            .OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class TrackConfiguration : IEntityTypeConfiguration<Track>
{
    public void Configure(EntityTypeBuilder<Track> track)
    {
        track.HasOne<User>().WithMany().HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Restrict);
        track.HasIndex(t => new { t.UserId, t.SpotifyId }).IsUnique();
        track.HasIndex(t => new { t.PrimaryArtistId, t.Name }, "ux_tracks_artist_name_unresolved").IsUnique()
            .HasFilter("\"spotify_id\" IS NULL");
        track.HasIndex(t => new { t.PrimaryArtistId, t.Name }, "ix_tracks_artist_name");
        track.HasIndex(t => t.AlbumId);
        track.HasOne(t => t.PrimaryArtist).WithMany().HasForeignKey(t => t.PrimaryArtistId)
            .OnDelete(DeleteBehavior.Restrict);
        track.HasOne(t => t.Album).WithMany().HasForeignKey(t => t.AlbumId).OnDelete(DeleteBehavior.Restrict);
        track.HasMany(t => t.Artists).WithOne().HasForeignKey(ta => ta.TrackId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class TrackArtistConfiguration : IEntityTypeConfiguration<TrackArtist>
{
    public void Configure(EntityTypeBuilder<TrackArtist> credit)
    {
        credit.HasKey(ta => new { ta.TrackId, ta.ArtistId });
        credit.HasIndex(ta => ta.ArtistId);
        credit.HasOne(ta => ta.Artist).WithMany().HasForeignKey(ta => ta.ArtistId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ShowConfiguration : IEntityTypeConfiguration<Show>
{
    public void Configure(EntityTypeBuilder<Show> show)
    {
        show.HasOne<User>().WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Restrict);
        show.HasIndex(s => new { s.UserId, s.SpotifyId }).IsUnique();
        show.HasIndex(s => new { s.UserId, s.Kind, s.Name }, "ux_shows_user_kind_name_unresolved").IsUnique()
            .HasFilter("\"spotify_id\" IS NULL");
    }
}

internal sealed class EpisodeConfiguration : IEntityTypeConfiguration<Episode>
{
    public void Configure(EntityTypeBuilder<Episode> episode)
    {
        episode.HasOne<User>().WithMany().HasForeignKey(e => e.UserId).OnDelete(DeleteBehavior.Restrict);
        episode.HasIndex(e => new { e.UserId, e.SpotifyId }).IsUnique();
        episode.HasIndex(e => new { e.ShowId, e.Name }, "ux_episodes_show_name_unresolved").IsUnique()
            .HasFilter("\"spotify_id\" IS NULL");
        episode.HasIndex(e => e.ShowId);
        episode.HasOne(e => e.Show).WithMany().HasForeignKey(e => e.ShowId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class PlayConfiguration : IEntityTypeConfiguration<Play>
{
    public void Configure(EntityTypeBuilder<Play> play)
    {
        play.HasOne<User>().WithMany().HasForeignKey(p => p.UserId).OnDelete(DeleteBehavior.Cascade);
        play.HasOne(p => p.Track).WithMany().HasForeignKey(p => p.TrackId).OnDelete(DeleteBehavior.Restrict);
        play.HasOne(p => p.Episode).WithMany().HasForeignKey(p => p.EpisodeId).OnDelete(DeleteBehavior.Restrict);
        play.HasOne<Import>().WithMany().HasForeignKey(p => p.ImportId).OnDelete(DeleteBehavior.SetNull);

        // One user cannot finish the same item twice in the same instant: a second record with the same
        // user, item and end time is a duplicate (the export has such pairs, one often with 0 ms played).
        play.HasIndex(p => new { p.UserId, p.TrackId, p.PlayedAt }, "ux_plays_user_track_played_at").IsUnique()
            .HasFilter("\"track_id\" IS NOT NULL");
        play.HasIndex(p => new { p.UserId, p.EpisodeId, p.PlayedAt }, "ux_plays_user_episode_played_at").IsUnique()
            .HasFilter("\"episode_id\" IS NOT NULL");

        // Covers the ranged queries (top lists, unique items) without touching the table. The date comes before
        // the counted flag so one range scan serves queries over counted plays and over every play alike.
        play.HasIndex(p => new { p.UserId, p.LocalDate, p.Counted, p.TrackId, p.EpisodeId, p.MsPlayed },
            "ix_plays_user_date_counted");
        // The history's order, id included, so a deep page is found in the index alone (SQLite keeps the id in every
        // index anyway; PostgreSQL needs it named).
        play.HasIndex(p => new { p.UserId, p.PlayedAt, p.Id }, "ix_plays_user_played_at");
    }
}

internal sealed class ImportConfiguration : IEntityTypeConfiguration<Import>
{
    public void Configure(EntityTypeBuilder<Import> import)
    {
        import.HasOne<User>().WithMany().HasForeignKey(i => i.UserId).OnDelete(DeleteBehavior.Cascade);
        import.HasIndex(i => new { i.UserId, i.CreatedAt });
    }
}

internal sealed class PlayMergeConfiguration : IEntityTypeConfiguration<PlayMerge>
{
    public void Configure(EntityTypeBuilder<PlayMerge> merge)
    {
        merge.HasKey(m => m.PlayId);
        merge.HasOne<Play>().WithOne().HasForeignKey<PlayMerge>(m => m.PlayId).OnDelete(DeleteBehavior.Cascade);
        merge.HasOne<Import>().WithMany().HasForeignKey(m => m.ImportId).OnDelete(DeleteBehavior.Cascade);
        // Undoing an import reads the merges it made, and forgets those of plays whose earlier record it brought.
        merge.HasIndex(m => m.ImportId);
        merge.HasIndex(m => m.PreviousImportId);
    }
}

internal sealed class SyncRunConfiguration : IEntityTypeConfiguration<SyncRun>
{
    public void Configure(EntityTypeBuilder<SyncRun> run)
    {
        run.HasOne<User>().WithMany().HasForeignKey(r => r.UserId).OnDelete(DeleteBehavior.Cascade);
        run.HasMany(r => r.Steps).WithOne().HasForeignKey(s => s.SyncRunId).OnDelete(DeleteBehavior.Cascade);
        run.HasIndex(r => new { r.UserId, r.CreatedAt });
        run.HasIndex(r => r.Status);
    }
}

internal sealed class ApiCallConfiguration : IEntityTypeConfiguration<ApiCall>
{
    public void Configure(EntityTypeBuilder<ApiCall> call)
    {
        call.HasOne<User>().WithMany().HasForeignKey(c => c.UserId).OnDelete(DeleteBehavior.Cascade);
        call.HasIndex(c => new { c.UserId, c.CalledAt });
        // The API-calls page filters by status class ("5xx", "none") newest first.
        call.HasIndex(c => new { c.UserId, c.StatusCode, c.CalledAt }, "ix_api_calls_user_status_called_at");
    }
}

internal sealed class ReportConfiguration : IEntityTypeConfiguration<Report>
{
    public void Configure(EntityTypeBuilder<Report> report)
    {
        report.HasOne<User>().WithMany().HasForeignKey(r => r.UserId).OnDelete(DeleteBehavior.Cascade);
        report.HasIndex(r => new { r.UserId, r.CreatedAt });
        report.HasIndex(r => r.Status);
    }
}

internal sealed class SyncStepConfiguration : IEntityTypeConfiguration<SyncStep>
{
    public void Configure(EntityTypeBuilder<SyncStep> step) => step.HasIndex(s => s.SyncRunId);
}

internal sealed class DailyRollupConfiguration : IEntityTypeConfiguration<DailyRollup>
{
    public void Configure(EntityTypeBuilder<DailyRollup> rollup)
    {
        rollup.HasIndex(r => new { r.UserId, r.LocalDate });
        rollup.HasOne<User>().WithMany().HasForeignKey(r => r.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class DimensionRollupConfiguration : IEntityTypeConfiguration<DimensionRollup>
{
    public void Configure(EntityTypeBuilder<DimensionRollup> rollup)
    {
        rollup.HasKey(r => new { r.UserId, r.Dimension, r.LocalDate, r.Value });
        rollup.HasOne<User>().WithMany().HasForeignKey(r => r.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class HourlyRollupConfiguration : IEntityTypeConfiguration<HourlyRollup>
{
    public void Configure(EntityTypeBuilder<HourlyRollup> rollup)
    {
        rollup.HasKey(r => new { r.UserId, r.LocalDate, r.LocalHour });
        // The lifetime listening clock reads this index in its own order: no table rows, no sort.
        rollup.HasIndex(r => new { r.UserId, r.LocalWeekday, r.LocalHour, r.Plays }, "ix_hourly_rollups_clock");
        rollup.HasOne<User>().WithMany().HasForeignKey(r => r.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ItemTotalConfiguration : IEntityTypeConfiguration<ItemTotal>
{
    public void Configure(EntityTypeBuilder<ItemTotal> total)
    {
        total.HasKey(t => new { t.UserId, t.Kind, t.ItemId });
        // All-time top lists read the first rows of this index instead of sorting every item.
        total.HasIndex(t => new { t.UserId, t.Kind, t.Plays, t.MsPlayed }, "ix_item_totals_ranking");
        total.HasOne<User>().WithMany().HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ItemBreakdownConfiguration : IEntityTypeConfiguration<ItemBreakdown>
{
    public void Configure(EntityTypeBuilder<ItemBreakdown> breakdown)
    {
        breakdown.HasKey(b => new { b.UserId, b.Kind, b.ItemId, b.Facet, b.Value });
        // Whole months of a range's top lists: every item's figures of a run of months, read from the index alone.
        breakdown.HasIndex(b => new { b.UserId, b.Facet, b.Kind, b.Value, b.ItemId, b.Plays, b.MsPlayed },
            "ix_item_breakdowns_months");
        breakdown.HasOne<User>().WithMany().HasForeignKey(b => b.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class WeeklyChartEntryConfiguration : IEntityTypeConfiguration<WeeklyChartEntry>
{
    public void Configure(EntityTypeBuilder<WeeklyChartEntry> entry)
    {
        entry.HasKey(e => new { e.UserId, e.Chart, e.WeekStart, e.Position });
        entry.HasIndex(e => new { e.UserId, e.Chart, e.ItemId, e.WeekStart });
        entry.HasOne<User>().WithMany().HasForeignKey(e => e.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ListeningSessionConfiguration : IEntityTypeConfiguration<ListeningSession>
{
    public void Configure(EntityTypeBuilder<ListeningSession> session)
    {
        session.HasIndex(s => new { s.UserId, s.LocalDate });
        session.HasOne<User>().WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class RollupStateConfiguration : IEntityTypeConfiguration<RollupState>
{
    public void Configure(EntityTypeBuilder<RollupState> state)
    {
        state.HasKey(s => s.UserId);
        state.HasOne<User>().WithOne().HasForeignKey<RollupState>(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
