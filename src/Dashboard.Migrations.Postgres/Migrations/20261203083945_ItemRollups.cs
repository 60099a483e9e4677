using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Dashboard.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class ItemRollups : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_plays_user_played_at",
                table: "plays");

            migrationBuilder.CreateTable(
                name: "dimension_rollups",
                columns: table => new
                {
                    user_id = table.Column<int>(type: "integer", nullable: false),
                    dimension = table.Column<int>(type: "integer", nullable: false),
                    local_date = table.Column<DateOnly>(type: "date", nullable: false),
                    value = table.Column<string>(type: "text", nullable: false),
                    plays = table.Column<int>(type: "integer", nullable: false),
                    ms_played = table.Column<long>(type: "bigint", nullable: false),
                    all_plays = table.Column<int>(type: "integer", nullable: false),
                    skips = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_dimension_rollups", x => new { x.user_id, x.dimension, x.local_date, x.value });
                    table.ForeignKey(
                        name: "FK_dimension_rollups_users_user_id",
                        column: x => x.user_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "item_breakdowns",
                columns: table => new
                {
                    user_id = table.Column<int>(type: "integer", nullable: false),
                    kind = table.Column<int>(type: "integer", nullable: false),
                    item_id = table.Column<int>(type: "integer", nullable: false),
                    facet = table.Column<int>(type: "integer", nullable: false),
                    value = table.Column<string>(type: "text", nullable: false),
                    plays = table.Column<int>(type: "integer", nullable: false),
                    ms_played = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_item_breakdowns", x => new { x.user_id, x.kind, x.item_id, x.facet, x.value });
                    table.ForeignKey(
                        name: "FK_item_breakdowns_users_user_id",
                        column: x => x.user_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_plays_user_played_at",
                table: "plays",
                columns: new[] { "user_id", "played_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_item_totals_ranking",
                table: "item_totals",
                columns: new[] { "user_id", "kind", "plays", "ms_played" });

            migrationBuilder.CreateIndex(
                name: "ix_hourly_rollups_clock",
                table: "hourly_rollups",
                columns: new[] { "user_id", "local_weekday", "local_hour", "plays" });

            migrationBuilder.CreateIndex(
                name: "ix_item_breakdowns_months",
                table: "item_breakdowns",
                columns: new[] { "user_id", "facet", "kind", "value", "item_id", "plays", "ms_played" });

            // Existing users have none of the new rollups: forgetting their rollup state makes the app rebuild every
            // rollup of theirs at start, as for data from before rollups existed.
            migrationBuilder.Sql("DELETE FROM rollup_states;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "dimension_rollups");

            migrationBuilder.DropTable(
                name: "item_breakdowns");

            migrationBuilder.DropIndex(
                name: "ix_plays_user_played_at",
                table: "plays");

            migrationBuilder.DropIndex(
                name: "ix_item_totals_ranking",
                table: "item_totals");

            migrationBuilder.DropIndex(
                name: "ix_hourly_rollups_clock",
                table: "hourly_rollups");

            migrationBuilder.CreateIndex(
                name: "ix_plays_user_played_at",
                table: "plays",
                columns: new[] { "user_id", "played_at" });
        }
    }
}
