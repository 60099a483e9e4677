using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Dashboard.Migrations.Postgres.Migrations
{
    /// <summary>
    /// The tables of Quartz's clustered job store. Not part of the EF model: Quartz reads and writes them itself,
    /// so the script (QuartzTables.sql, embedded) is run as it is.
    /// </summary>
    public partial class QuartzJobStore : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            using var script = typeof(QuartzJobStore).Assembly.GetManifestResourceStream("Dashboard.Migrations.Postgres.QuartzTables.sql")!;
            using var reader = new System.IO.StreamReader(script);
            migrationBuilder.Sql(reader.ReadToEnd());
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TABLE qrtz_blob_triggers, qrtz_calendars, qrtz_cron_triggers, qrtz_execution_history,
                    qrtz_fired_triggers, qrtz_job_details, qrtz_job_status, qrtz_locks, qrtz_misfire_history,
                    qrtz_paused_job_grps, qrtz_paused_trigger_grps, qrtz_scheduler_state, qrtz_simple_triggers,
                    qrtz_simprop_triggers, qrtz_triggers CASCADE;
                """);
        }
    }
}
