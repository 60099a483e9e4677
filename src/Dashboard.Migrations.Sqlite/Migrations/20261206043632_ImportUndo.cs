using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Dashboard.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ImportUndo : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "removed_at",
                table: "imports",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "play_merges",
                columns: table => new
                {
                    play_id = table.Column<long>(type: "INTEGER", nullable: false),
                    import_id = table.Column<int>(type: "INTEGER", nullable: false),
                    played_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ms_played = table.Column<int>(type: "INTEGER", nullable: false),
                    content_type = table.Column<int>(type: "INTEGER", nullable: false),
                    source = table.Column<int>(type: "INTEGER", nullable: false),
                    previous_import_id = table.Column<int>(type: "INTEGER", nullable: true),
                    platform = table.Column<string>(type: "TEXT", nullable: true),
                    country = table.Column<string>(type: "TEXT", nullable: true),
                    reason_start = table.Column<string>(type: "TEXT", nullable: true),
                    reason_end = table.Column<string>(type: "TEXT", nullable: true),
                    shuffle = table.Column<bool>(type: "INTEGER", nullable: true),
                    skipped = table.Column<bool>(type: "INTEGER", nullable: true),
                    offline = table.Column<bool>(type: "INTEGER", nullable: true),
                    offline_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    incognito = table.Column<bool>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_play_merges", x => x.play_id);
                    table.ForeignKey(
                        name: "FK_play_merges_imports_import_id",
                        column: x => x.import_id,
                        principalTable: "imports",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_play_merges_plays_play_id",
                        column: x => x.play_id,
                        principalTable: "plays",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_play_merges_import_id",
                table: "play_merges",
                column: "import_id");

            migrationBuilder.CreateIndex(
                name: "IX_play_merges_previous_import_id",
                table: "play_merges",
                column: "previous_import_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "play_merges");

            migrationBuilder.DropColumn(
                name: "removed_at",
                table: "imports");
        }
    }
}
