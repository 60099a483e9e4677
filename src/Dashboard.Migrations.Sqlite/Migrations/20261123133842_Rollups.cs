using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Dashboard.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Rollups : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_plays_user_local_date",
                table: "plays");

            migrationBuilder.AddColumn<bool>(
                name: "counted",
                table: "plays",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "daily_rollups",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    user_id = table.Column<int>(type: "INTEGER", nullable: false),
                    local_date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    content_type = table.Column<int>(type: "INTEGER", nullable: false),
                    platform = table.Column<string>(type: "TEXT", nullable: true),
                    country = table.Column<string>(type: "TEXT", nullable: true),
                    reason_start = table.Column<string>(type: "TEXT", nullable: true),
                    reason_end = table.Column<string>(type: "TEXT", nullable: true),
                    shuffle = table.Column<bool>(type: "INTEGER", nullable: true),
                    skipped = table.Column<bool>(type: "INTEGER", nullable: true),
                    offline = table.Column<bool>(type: "INTEGER", nullable: true),
                    incognito = table.Column<bool>(type: "INTEGER", nullable: true),
                    plays = table.Column<int>(type: "INTEGER", nullable: false),
                    ms_played = table.Column<long>(type: "INTEGER", nullable: false),
                    all_plays = table.Column<int>(type: "INTEGER", nullable: false),
                    skips = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_daily_rollups", x => x.id);
                    table.ForeignKey(
                        name: "FK_daily_rollups_users_user_id",
                        column: x => x.user_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "hourly_rollups",
                columns: table => new
                {
                    user_id = table.Column<int>(type: "INTEGER", nullable: false),
                    local_date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    local_hour = table.Column<byte>(type: "INTEGER", nullable: false),
                    local_weekday = table.Column<byte>(type: "INTEGER", nullable: false),
                    plays = table.Column<int>(type: "INTEGER", nullable: false),
                    ms_played = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_hourly_rollups", x => new { x.user_id, x.local_date, x.local_hour });
                    table.ForeignKey(
                        name: "FK_hourly_rollups_users_user_id",
                        column: x => x.user_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "item_totals",
                columns: table => new
                {
                    user_id = table.Column<int>(type: "INTEGER", nullable: false),
                    kind = table.Column<int>(type: "INTEGER", nullable: false),
                    item_id = table.Column<int>(type: "INTEGER", nullable: false),
                    plays = table.Column<int>(type: "INTEGER", nullable: false),
                    ms_played = table.Column<long>(type: "INTEGER", nullable: false),
                    all_plays = table.Column<int>(type: "INTEGER", nullable: false),
                    skips = table.Column<int>(type: "INTEGER", nullable: false),
                    completed = table.Column<int>(type: "INTEGER", nullable: false),
                    with_end_reason = table.Column<int>(type: "INTEGER", nullable: false),
                    first_played_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    last_played_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_item_totals", x => new { x.user_id, x.kind, x.item_id });
                    table.ForeignKey(
                        name: "FK_item_totals_users_user_id",
                        column: x => x.user_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "listening_sessions",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    user_id = table.Column<int>(type: "INTEGER", nullable: false),
                    started_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ended_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    local_date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    plays = table.Column<int>(type: "INTEGER", nullable: false),
                    ms_played = table.Column<long>(type: "INTEGER", nullable: false),
                    skips = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_listening_sessions", x => x.id);
                    table.ForeignKey(
                        name: "FK_listening_sessions_users_user_id",
                        column: x => x.user_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "rollup_states",
                columns: table => new
                {
                    user_id = table.Column<int>(type: "INTEGER", nullable: false),
                    data_version = table.Column<long>(type: "INTEGER", nullable: false),
                    charts_version = table.Column<long>(type: "INTEGER", nullable: false),
                    sessions_version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_rollup_states", x => x.user_id);
                    table.ForeignKey(
                        name: "FK_rollup_states_users_user_id",
                        column: x => x.user_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "weekly_charts",
                columns: table => new
                {
                    user_id = table.Column<int>(type: "INTEGER", nullable: false),
                    chart = table.Column<int>(type: "INTEGER", nullable: false),
                    week_start = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    position = table.Column<int>(type: "INTEGER", nullable: false),
                    item_id = table.Column<int>(type: "INTEGER", nullable: false),
                    plays = table.Column<int>(type: "INTEGER", nullable: false),
                    ms_played = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_weekly_charts", x => new { x.user_id, x.chart, x.week_start, x.position });
                    table.ForeignKey(
                        name: "FK_weekly_charts_users_user_id",
                        column: x => x.user_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_plays_user_date_counted",
                table: "plays",
                columns: new[] { "user_id", "local_date", "counted", "track_id", "episode_id", "ms_played" });

            migrationBuilder.CreateIndex(
                name: "IX_daily_rollups_user_id_local_date",
                table: "daily_rollups",
                columns: new[] { "user_id", "local_date" });

            migrationBuilder.CreateIndex(
                name: "IX_listening_sessions_user_id_local_date",
                table: "listening_sessions",
                columns: new[] { "user_id", "local_date" });

            migrationBuilder.CreateIndex(
                name: "IX_weekly_charts_user_id_chart_item_id_week_start",
                table: "weekly_charts",
                columns: new[] { "user_id", "chart", "item_id", "week_start" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "daily_rollups");

            migrationBuilder.DropTable(
                name: "hourly_rollups");

            migrationBuilder.DropTable(
                name: "item_totals");

            migrationBuilder.DropTable(
                name: "listening_sessions");

            migrationBuilder.DropTable(
                name: "rollup_states");

            migrationBuilder.DropTable(
                name: "weekly_charts");

            migrationBuilder.DropIndex(
                name: "ix_plays_user_date_counted",
                table: "plays");

            migrationBuilder.DropColumn(
                name: "counted",
                table: "plays");

            migrationBuilder.CreateIndex(
                name: "ix_plays_user_local_date",
                table: "plays",
                columns: new[] { "user_id", "local_date" });
        }
    }
}
