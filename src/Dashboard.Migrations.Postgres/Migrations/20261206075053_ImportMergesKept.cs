using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Dashboard.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class ImportMergesKept : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "merges_kept",
                table: "imports",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            // Imports made since play_merges exists kept their merges; older ones did not, and one of those that
            // merged cannot be undone without deleting the plays it completed.
            migrationBuilder.Sql(
                "UPDATE imports SET merges_kept = TRUE WHERE id IN (SELECT import_id FROM play_merges)");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "merges_kept",
                table: "imports");
        }
    }
}
