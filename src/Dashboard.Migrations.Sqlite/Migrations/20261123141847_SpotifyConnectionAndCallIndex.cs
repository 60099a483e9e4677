using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Dashboard.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class SpotifyConnectionAndCallIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "authorized_at",
                table: "spotify_tokens",
                type: "TEXT",
                nullable: false,
                defaultValue: new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified));

            // Until now only the first consent was kept; it is the best known authorization of existing users.
            migrationBuilder.Sql("UPDATE spotify_tokens SET authorized_at = first_consent_at;");

            migrationBuilder.CreateIndex(
                name: "ix_api_calls_user_status_called_at",
                table: "api_calls",
                columns: new[] { "user_id", "status_code", "called_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_api_calls_user_status_called_at",
                table: "api_calls");

            migrationBuilder.DropColumn(
                name: "authorized_at",
                table: "spotify_tokens");
        }
    }
}
