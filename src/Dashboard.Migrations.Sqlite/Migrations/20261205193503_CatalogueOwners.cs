using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Dashboard.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class CatalogueOwners : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_tracks_spotify_id",
                table: "tracks");

            migrationBuilder.DropIndex(
                name: "IX_shows_spotify_id",
                table: "shows");

            migrationBuilder.DropIndex(
                name: "ux_shows_kind_name_unresolved",
                table: "shows");

            migrationBuilder.DropIndex(
                name: "IX_episodes_spotify_id",
                table: "episodes");

            migrationBuilder.DropIndex(
                name: "ix_artists_name",
                table: "artists");

            migrationBuilder.DropIndex(
                name: "IX_artists_spotify_id",
                table: "artists");

            migrationBuilder.DropIndex(
                name: "ux_artists_name_unresolved",
                table: "artists");

            migrationBuilder.DropIndex(
                name: "IX_albums_spotify_id",
                table: "albums");

            // Copies share their original's names until their artist and show are copied too.
            migrationBuilder.DropIndex(name: "ux_tracks_artist_name_unresolved", table: "tracks");
            migrationBuilder.DropIndex(name: "ux_albums_artist_name_unresolved", table: "albums");
            migrationBuilder.DropIndex(name: "ux_episodes_show_name_unresolved", table: "episodes");

            migrationBuilder.AddColumn<int>(
                name: "user_id",
                table: "tracks",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "user_id",
                table: "shows",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "user_id",
                table: "episodes",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "user_id",
                table: "artists",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "user_id",
                table: "albums",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            // Where each copied row came from, while the rows that use it move to the copy.
            migrationBuilder.AddColumn<int>(name: "split_from", table: "tracks", type: "INTEGER", nullable: true);
            migrationBuilder.AddColumn<int>(name: "split_from", table: "episodes", type: "INTEGER", nullable: true);
            migrationBuilder.AddColumn<int>(name: "split_from", table: "albums", type: "INTEGER", nullable: true);
            migrationBuilder.AddColumn<int>(name: "split_from", table: "artists", type: "INTEGER", nullable: true);
            migrationBuilder.AddColumn<int>(name: "split_from", table: "shows", type: "INTEGER", nullable: true);

            migrationBuilder.Sql("""
                -- Every catalogue row goes to the listener whose plays use it; a row several listeners use is copied for each of
                -- them, and their plays, credits and rollups move to their own copy. Rows no play uses (artwork from the library or
                -- top items) are dropped: the next sync brings them back into the right catalogue.
                CREATE TABLE catalogue_split_uses (kind INTEGER NOT NULL, item_id INTEGER NOT NULL, user_id INTEGER NOT NULL,
                    PRIMARY KEY (kind, item_id, user_id));

                -- Tracks (kind 0) and episodes (kind 1): whoever played them.
                INSERT INTO catalogue_split_uses (kind, item_id, user_id)
                SELECT DISTINCT 0, track_id, user_id FROM plays WHERE track_id IS NOT NULL;
                INSERT INTO catalogue_split_uses (kind, item_id, user_id)
                SELECT DISTINCT 1, episode_id, user_id FROM plays WHERE episode_id IS NOT NULL;

                UPDATE tracks SET user_id = coalesce((SELECT min(u.user_id) FROM catalogue_split_uses u WHERE u.kind = 0 AND u.item_id = tracks.id), 0);
                INSERT INTO tracks (user_id, split_from, spotify_id, name, primary_artist_id, album_id, duration_ms, isrc, explicit, enrichment, enriched_at)
                SELECT u.user_id, t.id, t.spotify_id, t.name, t.primary_artist_id, t.album_id, t.duration_ms, t.isrc, t.explicit, t.enrichment, t.enriched_at
                FROM tracks t JOIN catalogue_split_uses u ON u.kind = 0 AND u.item_id = t.id
                WHERE u.user_id <> t.user_id;
                CREATE INDEX catalogue_split_tracks ON tracks (split_from, user_id);
                INSERT INTO track_artists (track_id, artist_id, position)
                SELECT c.id, ta.artist_id, ta.position FROM tracks c JOIN track_artists ta ON ta.track_id = c.split_from;
                UPDATE plays SET track_id = (SELECT c.id FROM tracks c WHERE c.split_from = plays.track_id AND c.user_id = plays.user_id)
                WHERE track_id IS NOT NULL AND EXISTS (SELECT 1 FROM tracks c WHERE c.split_from = plays.track_id AND c.user_id = plays.user_id);
                UPDATE item_totals SET item_id = (SELECT c.id FROM tracks c WHERE c.split_from = item_totals.item_id AND c.user_id = item_totals.user_id)
                WHERE kind = 0 AND EXISTS (SELECT 1 FROM tracks c WHERE c.split_from = item_totals.item_id AND c.user_id = item_totals.user_id);
                UPDATE item_breakdowns SET item_id = (SELECT c.id FROM tracks c WHERE c.split_from = item_breakdowns.item_id AND c.user_id = item_breakdowns.user_id)
                WHERE kind = 0 AND EXISTS (SELECT 1 FROM tracks c WHERE c.split_from = item_breakdowns.item_id AND c.user_id = item_breakdowns.user_id);
                UPDATE weekly_charts SET item_id = (SELECT c.id FROM tracks c WHERE c.split_from = weekly_charts.item_id AND c.user_id = weekly_charts.user_id)
                WHERE chart = 0 AND EXISTS (SELECT 1 FROM tracks c WHERE c.split_from = weekly_charts.item_id AND c.user_id = weekly_charts.user_id);

                UPDATE episodes SET user_id = coalesce((SELECT min(u.user_id) FROM catalogue_split_uses u WHERE u.kind = 1 AND u.item_id = episodes.id), 0);
                INSERT INTO episodes (user_id, split_from, spotify_id, name, show_id, duration_ms, enrichment, enriched_at)
                SELECT u.user_id, e.id, e.spotify_id, e.name, e.show_id, e.duration_ms, e.enrichment, e.enriched_at
                FROM episodes e JOIN catalogue_split_uses u ON u.kind = 1 AND u.item_id = e.id
                WHERE u.user_id <> e.user_id;
                CREATE INDEX catalogue_split_episodes ON episodes (split_from, user_id);
                UPDATE plays SET episode_id = (SELECT c.id FROM episodes c WHERE c.split_from = plays.episode_id AND c.user_id = plays.user_id)
                WHERE episode_id IS NOT NULL AND EXISTS (SELECT 1 FROM episodes c WHERE c.split_from = plays.episode_id AND c.user_id = plays.user_id);
                UPDATE item_totals SET item_id = (SELECT c.id FROM episodes c WHERE c.split_from = item_totals.item_id AND c.user_id = item_totals.user_id)
                WHERE kind = 1 AND EXISTS (SELECT 1 FROM episodes c WHERE c.split_from = item_totals.item_id AND c.user_id = item_totals.user_id);
                UPDATE item_breakdowns SET item_id = (SELECT c.id FROM episodes c WHERE c.split_from = item_breakdowns.item_id AND c.user_id = item_breakdowns.user_id)
                WHERE kind = 1 AND EXISTS (SELECT 1 FROM episodes c WHERE c.split_from = item_breakdowns.item_id AND c.user_id = item_breakdowns.user_id);

                -- Albums (kind 3): the owners of their tracks.
                INSERT INTO catalogue_split_uses (kind, item_id, user_id)
                SELECT DISTINCT 3, album_id, user_id FROM tracks WHERE album_id IS NOT NULL AND user_id <> 0;
                UPDATE albums SET user_id = coalesce((SELECT min(u.user_id) FROM catalogue_split_uses u WHERE u.kind = 3 AND u.item_id = albums.id), 0);
                INSERT INTO albums (user_id, split_from, spotify_id, name, primary_artist_id, image_url, release_date, enrichment, enriched_at)
                SELECT u.user_id, a.id, a.spotify_id, a.name, a.primary_artist_id, a.image_url, a.release_date, a.enrichment, a.enriched_at
                FROM albums a JOIN catalogue_split_uses u ON u.kind = 3 AND u.item_id = a.id
                WHERE u.user_id <> a.user_id;
                CREATE INDEX catalogue_split_albums ON albums (split_from, user_id);
                UPDATE tracks SET album_id = (SELECT c.id FROM albums c WHERE c.split_from = tracks.album_id AND c.user_id = tracks.user_id)
                WHERE album_id IS NOT NULL AND EXISTS (SELECT 1 FROM albums c WHERE c.split_from = tracks.album_id AND c.user_id = tracks.user_id);
                UPDATE item_totals SET item_id = (SELECT c.id FROM albums c WHERE c.split_from = item_totals.item_id AND c.user_id = item_totals.user_id)
                WHERE kind = 3 AND EXISTS (SELECT 1 FROM albums c WHERE c.split_from = item_totals.item_id AND c.user_id = item_totals.user_id);
                UPDATE item_breakdowns SET item_id = (SELECT c.id FROM albums c WHERE c.split_from = item_breakdowns.item_id AND c.user_id = item_breakdowns.user_id)
                WHERE kind = 3 AND EXISTS (SELECT 1 FROM albums c WHERE c.split_from = item_breakdowns.item_id AND c.user_id = item_breakdowns.user_id);

                -- Artists (kind 2): the owners of the tracks and albums that credit them.
                INSERT INTO catalogue_split_uses (kind, item_id, user_id)
                SELECT 2, primary_artist_id, user_id FROM tracks WHERE primary_artist_id IS NOT NULL AND user_id <> 0
                UNION
                SELECT 2, ta.artist_id, t.user_id FROM track_artists ta JOIN tracks t ON t.id = ta.track_id WHERE t.user_id <> 0
                UNION
                SELECT 2, primary_artist_id, user_id FROM albums WHERE primary_artist_id IS NOT NULL AND user_id <> 0;
                UPDATE artists SET user_id = coalesce((SELECT min(u.user_id) FROM catalogue_split_uses u WHERE u.kind = 2 AND u.item_id = artists.id), 0);
                INSERT INTO artists (user_id, split_from, spotify_id, name, image_url, genres, enrichment, enriched_at)
                SELECT u.user_id, a.id, a.spotify_id, a.name, a.image_url, a.genres, a.enrichment, a.enriched_at
                FROM artists a JOIN catalogue_split_uses u ON u.kind = 2 AND u.item_id = a.id
                WHERE u.user_id <> a.user_id;
                CREATE INDEX catalogue_split_artists ON artists (split_from, user_id);
                UPDATE tracks SET primary_artist_id = (SELECT c.id FROM artists c WHERE c.split_from = tracks.primary_artist_id AND c.user_id = tracks.user_id)
                WHERE primary_artist_id IS NOT NULL AND EXISTS (SELECT 1 FROM artists c WHERE c.split_from = tracks.primary_artist_id AND c.user_id = tracks.user_id);
                UPDATE albums SET primary_artist_id = (SELECT c.id FROM artists c WHERE c.split_from = albums.primary_artist_id AND c.user_id = albums.user_id)
                WHERE primary_artist_id IS NOT NULL AND EXISTS (SELECT 1 FROM artists c WHERE c.split_from = albums.primary_artist_id AND c.user_id = albums.user_id);
                UPDATE track_artists SET artist_id = (
                    SELECT c.id FROM artists c JOIN tracks t ON t.id = track_artists.track_id WHERE c.split_from = track_artists.artist_id AND c.user_id = t.user_id)
                WHERE EXISTS (
                    SELECT 1 FROM artists c JOIN tracks t ON t.id = track_artists.track_id WHERE c.split_from = track_artists.artist_id AND c.user_id = t.user_id);
                UPDATE item_totals SET item_id = (SELECT c.id FROM artists c WHERE c.split_from = item_totals.item_id AND c.user_id = item_totals.user_id)
                WHERE kind = 2 AND EXISTS (SELECT 1 FROM artists c WHERE c.split_from = item_totals.item_id AND c.user_id = item_totals.user_id);
                UPDATE item_breakdowns SET item_id = (SELECT c.id FROM artists c WHERE c.split_from = item_breakdowns.item_id AND c.user_id = item_breakdowns.user_id)
                WHERE kind = 2 AND EXISTS (SELECT 1 FROM artists c WHERE c.split_from = item_breakdowns.item_id AND c.user_id = item_breakdowns.user_id);
                UPDATE weekly_charts SET item_id = (SELECT c.id FROM artists c WHERE c.split_from = weekly_charts.item_id AND c.user_id = weekly_charts.user_id)
                WHERE chart = 1 AND EXISTS (SELECT 1 FROM artists c WHERE c.split_from = weekly_charts.item_id AND c.user_id = weekly_charts.user_id);

                -- Shows (kind 4): the owners of their episodes.
                INSERT INTO catalogue_split_uses (kind, item_id, user_id)
                SELECT DISTINCT 4, show_id, user_id FROM episodes WHERE user_id <> 0;
                UPDATE shows SET user_id = coalesce((SELECT min(u.user_id) FROM catalogue_split_uses u WHERE u.kind = 4 AND u.item_id = shows.id), 0);
                INSERT INTO shows (user_id, split_from, spotify_id, name, kind, publisher, image_url, enrichment, enriched_at)
                SELECT u.user_id, s.id, s.spotify_id, s.name, s.kind, s.publisher, s.image_url, s.enrichment, s.enriched_at
                FROM shows s JOIN catalogue_split_uses u ON u.kind = 4 AND u.item_id = s.id
                WHERE u.user_id <> s.user_id;
                CREATE INDEX catalogue_split_shows ON shows (split_from, user_id);
                UPDATE episodes SET show_id = (SELECT c.id FROM shows c WHERE c.split_from = episodes.show_id AND c.user_id = episodes.user_id)
                WHERE EXISTS (SELECT 1 FROM shows c WHERE c.split_from = episodes.show_id AND c.user_id = episodes.user_id);
                UPDATE item_totals SET item_id = (SELECT c.id FROM shows c WHERE c.split_from = item_totals.item_id AND c.user_id = item_totals.user_id)
                WHERE kind = 4 AND EXISTS (SELECT 1 FROM shows c WHERE c.split_from = item_totals.item_id AND c.user_id = item_totals.user_id);
                UPDATE item_breakdowns SET item_id = (SELECT c.id FROM shows c WHERE c.split_from = item_breakdowns.item_id AND c.user_id = item_breakdowns.user_id)
                WHERE kind = 4 AND EXISTS (SELECT 1 FROM shows c WHERE c.split_from = item_breakdowns.item_id AND c.user_id = item_breakdowns.user_id);

                -- Rows no play uses, in the order their references allow.
                DELETE FROM track_artists WHERE track_id IN (SELECT id FROM tracks WHERE user_id = 0);
                DELETE FROM tracks WHERE user_id = 0;
                DELETE FROM albums WHERE user_id = 0;
                DELETE FROM artists WHERE user_id = 0;
                DELETE FROM episodes WHERE user_id = 0;
                DELETE FROM shows WHERE user_id = 0;

                DROP INDEX catalogue_split_tracks;
                DROP INDEX catalogue_split_episodes;
                DROP INDEX catalogue_split_albums;
                DROP INDEX catalogue_split_artists;
                DROP INDEX catalogue_split_shows;
                DROP TABLE catalogue_split_uses;
                """);
            migrationBuilder.DropColumn(name: "split_from", table: "tracks");
            migrationBuilder.DropColumn(name: "split_from", table: "episodes");
            migrationBuilder.DropColumn(name: "split_from", table: "albums");
            migrationBuilder.DropColumn(name: "split_from", table: "artists");
            migrationBuilder.DropColumn(name: "split_from", table: "shows");

            migrationBuilder.CreateIndex(name: "ux_tracks_artist_name_unresolved", table: "tracks", columns: ["primary_artist_id", "name"],
                unique: true, filter: "\"spotify_id\" IS NULL");
            migrationBuilder.CreateIndex(name: "ux_albums_artist_name_unresolved", table: "albums", columns: ["primary_artist_id", "name"],
                unique: true, filter: "\"spotify_id\" IS NULL");
            migrationBuilder.CreateIndex(name: "ux_episodes_show_name_unresolved", table: "episodes", columns: ["show_id", "name"],
                unique: true, filter: "\"spotify_id\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_tracks_user_id_spotify_id",
                table: "tracks",
                columns: new[] { "user_id", "spotify_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_shows_user_id_spotify_id",
                table: "shows",
                columns: new[] { "user_id", "spotify_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ux_shows_user_kind_name_unresolved",
                table: "shows",
                columns: new[] { "user_id", "kind", "name" },
                unique: true,
                filter: "\"spotify_id\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_episodes_user_id_spotify_id",
                table: "episodes",
                columns: new[] { "user_id", "spotify_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_artists_user_id_spotify_id",
                table: "artists",
                columns: new[] { "user_id", "spotify_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_artists_user_name",
                table: "artists",
                columns: new[] { "user_id", "name" });

            migrationBuilder.CreateIndex(
                name: "ux_artists_user_name_unresolved",
                table: "artists",
                columns: new[] { "user_id", "name" },
                unique: true,
                filter: "\"spotify_id\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_albums_user_id_spotify_id",
                table: "albums",
                columns: new[] { "user_id", "spotify_id" },
                unique: true);

            migrationBuilder.AddForeignKey(
                name: "FK_albums_users_user_id",
                table: "albums",
                column: "user_id",
                principalTable: "users",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "FK_artists_users_user_id",
                table: "artists",
                column: "user_id",
                principalTable: "users",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "FK_episodes_users_user_id",
                table: "episodes",
                column: "user_id",
                principalTable: "users",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "FK_shows_users_user_id",
                table: "shows",
                column: "user_id",
                principalTable: "users",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "FK_tracks_users_user_id",
                table: "tracks",
                column: "user_id",
                principalTable: "users",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // The catalogue cannot be shared again: listeners' copies of one item may since have been changed apart.
            throw new NotSupportedException("CatalogueOwners cannot be reverted: restore a backup taken before the upgrade instead.");
        }
    }
}
