using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Dashboard.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class SyncCursorAndPause : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "recently_played_cursor",
                table: "users",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "sync_paused_until",
                table: "users",
                type: "TEXT",
                nullable: true);

            // Existing users carry on from the newest play stored so far, as the sync did before the cursor was its own;
            // a play dated in the future (an export record from a device with a wrong clock) is not taken.
            migrationBuilder.Sql("""
                UPDATE users SET recently_played_cursor = (
                    SELECT max(played_at) FROM plays WHERE plays.user_id = users.id AND plays.played_at <= strftime('%Y-%m-%d %H:%M:%f', 'now'))
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "recently_played_cursor",
                table: "users");

            migrationBuilder.DropColumn(
                name: "sync_paused_until",
                table: "users");
        }
    }
}
