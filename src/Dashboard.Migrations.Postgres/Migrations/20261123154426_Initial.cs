using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Dashboard.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "artists",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    spotify_id = table.Column<string>(type: "text", nullable: true),
                    name = table.Column<string>(type: "text", nullable: false),
                    image_url = table.Column<string>(type: "text", nullable: true),
                    genres = table.Column<string>(type: "text", nullable: true),
                    enrichment = table.Column<int>(type: "integer", nullable: false),
                    enriched_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_artists", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "shows",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    spotify_id = table.Column<string>(type: "text", nullable: true),
                    name = table.Column<string>(type: "text", nullable: false),
                    kind = table.Column<int>(type: "integer", nullable: false),
                    publisher = table.Column<string>(type: "text", nullable: true),
                    image_url = table.Column<string>(type: "text", nullable: true),
                    enrichment = table.Column<int>(type: "integer", nullable: false),
                    enriched_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_shows", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "users",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    spotify_id = table.Column<string>(type: "text", nullable: false),
                    account_id = table.Column<string>(type: "text", nullable: true),
                    display_name = table.Column<string>(type: "text", nullable: false),
                    email = table.Column<string>(type: "text", nullable: true),
                    image_url = table.Column<string>(type: "text", nullable: true),
                    country = table.Column<string>(type: "text", nullable: true),
                    product = table.Column<string>(type: "text", nullable: true),
                    time_zone = table.Column<string>(type: "text", nullable: false, defaultValue: "UTC"),
                    time_zone_set_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    play_count_rule = table.Column<int>(type: "integer", nullable: false),
                    needs_reconsent_since = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    last_login_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_users", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "albums",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    spotify_id = table.Column<string>(type: "text", nullable: true),
                    name = table.Column<string>(type: "text", nullable: false),
                    primary_artist_id = table.Column<int>(type: "integer", nullable: true),
                    image_url = table.Column<string>(type: "text", nullable: true),
                    release_date = table.Column<string>(type: "text", nullable: true),
                    enrichment = table.Column<int>(type: "integer", nullable: false),
                    enriched_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_albums", x => x.id);
                    table.ForeignKey(
                        name: "FK_albums_artists_primary_artist_id",
                        column: x => x.primary_artist_id,
                        principalTable: "artists",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "episodes",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    spotify_id = table.Column<string>(type: "text", nullable: true),
                    name = table.Column<string>(type: "text", nullable: false),
                    show_id = table.Column<int>(type: "integer", nullable: false),
                    duration_ms = table.Column<int>(type: "integer", nullable: true),
                    enrichment = table.Column<int>(type: "integer", nullable: false),
                    enriched_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_episodes", x => x.id);
                    table.ForeignKey(
                        name: "FK_episodes_shows_show_id",
                        column: x => x.show_id,
                        principalTable: "shows",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "api_calls",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    user_id = table.Column<int>(type: "integer", nullable: true),
                    service = table.Column<string>(type: "text", nullable: false),
                    method = table.Column<string>(type: "text", nullable: false),
                    endpoint = table.Column<string>(type: "text", nullable: false),
                    status_code = table.Column<int>(type: "integer", nullable: true),
                    latency_ms = table.Column<int>(type: "integer", nullable: false),
                    retry_after_seconds = table.Column<int>(type: "integer", nullable: true),
                    error = table.Column<string>(type: "text", nullable: true),
                    called_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_api_calls", x => x.id);
                    table.ForeignKey(
                        name: "FK_api_calls_users_user_id",
                        column: x => x.user_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "api_tokens",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    user_id = table.Column<int>(type: "integer", nullable: false),
                    name = table.Column<string>(type: "text", nullable: false),
                    token_hash = table.Column<string>(type: "text", nullable: false),
                    prefix = table.Column<string>(type: "text", nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    last_used_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    revoked_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_api_tokens", x => x.id);
                    table.ForeignKey(
                        name: "FK_api_tokens_users_user_id",
                        column: x => x.user_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "daily_rollups",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    user_id = table.Column<int>(type: "integer", nullable: false),
                    local_date = table.Column<DateOnly>(type: "date", nullable: false),
                    content_type = table.Column<int>(type: "integer", nullable: false),
                    platform = table.Column<string>(type: "text", nullable: true),
                    country = table.Column<string>(type: "text", nullable: true),
                    reason_start = table.Column<string>(type: "text", nullable: true),
                    reason_end = table.Column<string>(type: "text", nullable: true),
                    shuffle = table.Column<bool>(type: "boolean", nullable: true),
                    skipped = table.Column<bool>(type: "boolean", nullable: true),
                    offline = table.Column<bool>(type: "boolean", nullable: true),
                    incognito = table.Column<bool>(type: "boolean", nullable: true),
                    plays = table.Column<int>(type: "integer", nullable: false),
                    ms_played = table.Column<long>(type: "bigint", nullable: false),
                    all_plays = table.Column<int>(type: "integer", nullable: false),
                    skips = table.Column<int>(type: "integer", nullable: false)
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
                    user_id = table.Column<int>(type: "integer", nullable: false),
                    local_date = table.Column<DateOnly>(type: "date", nullable: false),
                    local_hour = table.Column<byte>(type: "smallint", nullable: false),
                    local_weekday = table.Column<byte>(type: "smallint", nullable: false),
                    plays = table.Column<int>(type: "integer", nullable: false),
                    ms_played = table.Column<long>(type: "bigint", nullable: false)
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
                name: "imports",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    user_id = table.Column<int>(type: "integer", nullable: false),
                    status = table.Column<int>(type: "integer", nullable: false),
                    file_names = table.Column<string>(type: "text", nullable: false),
                    storage_path = table.Column<string>(type: "text", nullable: false),
                    total_bytes = table.Column<long>(type: "bigint", nullable: false),
                    records_total = table.Column<int>(type: "integer", nullable: false),
                    records_read = table.Column<int>(type: "integer", nullable: false),
                    inserted = table.Column<int>(type: "integer", nullable: false),
                    duplicates = table.Column<int>(type: "integer", nullable: false),
                    merged = table.Column<int>(type: "integer", nullable: false),
                    skipped = table.Column<int>(type: "integer", nullable: false),
                    skipped_reasons = table.Column<string>(type: "text", nullable: true),
                    ignored_files = table.Column<string>(type: "text", nullable: true),
                    first_played_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    last_played_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    error = table.Column<string>(type: "text", nullable: true),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    started_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    completed_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_imports", x => x.id);
                    table.ForeignKey(
                        name: "FK_imports_users_user_id",
                        column: x => x.user_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "item_totals",
                columns: table => new
                {
                    user_id = table.Column<int>(type: "integer", nullable: false),
                    kind = table.Column<int>(type: "integer", nullable: false),
                    item_id = table.Column<int>(type: "integer", nullable: false),
                    plays = table.Column<int>(type: "integer", nullable: false),
                    ms_played = table.Column<long>(type: "bigint", nullable: false),
                    all_plays = table.Column<int>(type: "integer", nullable: false),
                    skips = table.Column<int>(type: "integer", nullable: false),
                    completed = table.Column<int>(type: "integer", nullable: false),
                    with_end_reason = table.Column<int>(type: "integer", nullable: false),
                    first_played_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    last_played_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
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
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    user_id = table.Column<int>(type: "integer", nullable: false),
                    started_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ended_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    local_date = table.Column<DateOnly>(type: "date", nullable: false),
                    plays = table.Column<int>(type: "integer", nullable: false),
                    ms_played = table.Column<long>(type: "bigint", nullable: false),
                    skips = table.Column<int>(type: "integer", nullable: false)
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
                name: "reports",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    user_id = table.Column<int>(type: "integer", nullable: false),
                    type = table.Column<int>(type: "integer", nullable: false),
                    format = table.Column<int>(type: "integer", nullable: false),
                    parameters = table.Column<string>(type: "text", nullable: false),
                    status = table.Column<int>(type: "integer", nullable: false),
                    total_records = table.Column<int>(type: "integer", nullable: true),
                    file_size_bytes = table.Column<long>(type: "bigint", nullable: true),
                    file_path = table.Column<string>(type: "text", nullable: true),
                    file_name = table.Column<string>(type: "text", nullable: true),
                    error = table.Column<string>(type: "text", nullable: true),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    started_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    completed_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_reports", x => x.id);
                    table.ForeignKey(
                        name: "FK_reports_users_user_id",
                        column: x => x.user_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "rollup_states",
                columns: table => new
                {
                    user_id = table.Column<int>(type: "integer", nullable: false),
                    data_version = table.Column<long>(type: "bigint", nullable: false),
                    charts_version = table.Column<long>(type: "bigint", nullable: false),
                    sessions_version = table.Column<long>(type: "bigint", nullable: false)
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
                name: "spotify_tokens",
                columns: table => new
                {
                    user_id = table.Column<int>(type: "integer", nullable: false),
                    protected_access_token = table.Column<string>(type: "text", nullable: false),
                    protected_refresh_token = table.Column<string>(type: "text", nullable: false),
                    access_token_expires_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    scopes = table.Column<string>(type: "text", nullable: false),
                    first_consent_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    authorized_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_spotify_tokens", x => x.user_id);
                    table.ForeignKey(
                        name: "FK_spotify_tokens_users_user_id",
                        column: x => x.user_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "sync_runs",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    user_id = table.Column<int>(type: "integer", nullable: false),
                    trigger = table.Column<int>(type: "integer", nullable: false),
                    status = table.Column<int>(type: "integer", nullable: false),
                    items_synced = table.Column<int>(type: "integer", nullable: false),
                    error = table.Column<string>(type: "text", nullable: true),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    started_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    completed_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_sync_runs", x => x.id);
                    table.ForeignKey(
                        name: "FK_sync_runs_users_user_id",
                        column: x => x.user_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "weekly_charts",
                columns: table => new
                {
                    user_id = table.Column<int>(type: "integer", nullable: false),
                    chart = table.Column<int>(type: "integer", nullable: false),
                    week_start = table.Column<DateOnly>(type: "date", nullable: false),
                    position = table.Column<int>(type: "integer", nullable: false),
                    item_id = table.Column<int>(type: "integer", nullable: false),
                    plays = table.Column<int>(type: "integer", nullable: false),
                    ms_played = table.Column<long>(type: "bigint", nullable: false)
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

            migrationBuilder.CreateTable(
                name: "tracks",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    spotify_id = table.Column<string>(type: "text", nullable: true),
                    name = table.Column<string>(type: "text", nullable: false),
                    primary_artist_id = table.Column<int>(type: "integer", nullable: true),
                    album_id = table.Column<int>(type: "integer", nullable: true),
                    duration_ms = table.Column<int>(type: "integer", nullable: true),
                    isrc = table.Column<string>(type: "text", nullable: true),
                    @explicit = table.Column<bool>(name: "explicit", type: "boolean", nullable: true),
                    enrichment = table.Column<int>(type: "integer", nullable: false),
                    enriched_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_tracks", x => x.id);
                    table.ForeignKey(
                        name: "FK_tracks_albums_album_id",
                        column: x => x.album_id,
                        principalTable: "albums",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_tracks_artists_primary_artist_id",
                        column: x => x.primary_artist_id,
                        principalTable: "artists",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "sync_steps",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    sync_run_id = table.Column<long>(type: "bigint", nullable: false),
                    name = table.Column<string>(type: "text", nullable: false),
                    status = table.Column<int>(type: "integer", nullable: false),
                    items_processed = table.Column<int>(type: "integer", nullable: false),
                    details = table.Column<string>(type: "text", nullable: true),
                    error = table.Column<string>(type: "text", nullable: true),
                    started_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    completed_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_sync_steps", x => x.id);
                    table.ForeignKey(
                        name: "FK_sync_steps_sync_runs_sync_run_id",
                        column: x => x.sync_run_id,
                        principalTable: "sync_runs",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "plays",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    user_id = table.Column<int>(type: "integer", nullable: false),
                    played_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ms_played = table.Column<int>(type: "integer", nullable: false),
                    counted = table.Column<bool>(type: "boolean", nullable: false),
                    content_type = table.Column<int>(type: "integer", nullable: false),
                    track_id = table.Column<int>(type: "integer", nullable: true),
                    episode_id = table.Column<int>(type: "integer", nullable: true),
                    source = table.Column<int>(type: "integer", nullable: false),
                    import_id = table.Column<int>(type: "integer", nullable: true),
                    platform = table.Column<string>(type: "text", nullable: true),
                    country = table.Column<string>(type: "text", nullable: true),
                    reason_start = table.Column<string>(type: "text", nullable: true),
                    reason_end = table.Column<string>(type: "text", nullable: true),
                    shuffle = table.Column<bool>(type: "boolean", nullable: true),
                    skipped = table.Column<bool>(type: "boolean", nullable: true),
                    offline = table.Column<bool>(type: "boolean", nullable: true),
                    offline_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    incognito = table.Column<bool>(type: "boolean", nullable: true),
                    context_uri = table.Column<string>(type: "text", nullable: true),
                    local_date = table.Column<DateOnly>(type: "date", nullable: false),
                    local_hour = table.Column<byte>(type: "smallint", nullable: false),
                    local_weekday = table.Column<byte>(type: "smallint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_plays", x => x.id);
                    table.ForeignKey(
                        name: "FK_plays_episodes_episode_id",
                        column: x => x.episode_id,
                        principalTable: "episodes",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_plays_imports_import_id",
                        column: x => x.import_id,
                        principalTable: "imports",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_plays_tracks_track_id",
                        column: x => x.track_id,
                        principalTable: "tracks",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_plays_users_user_id",
                        column: x => x.user_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "track_artists",
                columns: table => new
                {
                    track_id = table.Column<int>(type: "integer", nullable: false),
                    artist_id = table.Column<int>(type: "integer", nullable: false),
                    position = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_track_artists", x => new { x.track_id, x.artist_id });
                    table.ForeignKey(
                        name: "FK_track_artists_artists_artist_id",
                        column: x => x.artist_id,
                        principalTable: "artists",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_track_artists_tracks_track_id",
                        column: x => x.track_id,
                        principalTable: "tracks",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_albums_artist_name",
                table: "albums",
                columns: new[] { "primary_artist_id", "name" });

            migrationBuilder.CreateIndex(
                name: "IX_albums_spotify_id",
                table: "albums",
                column: "spotify_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ux_albums_artist_name_unresolved",
                table: "albums",
                columns: new[] { "primary_artist_id", "name" },
                unique: true,
                filter: "\"spotify_id\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_api_calls_user_id_called_at",
                table: "api_calls",
                columns: new[] { "user_id", "called_at" });

            migrationBuilder.CreateIndex(
                name: "ix_api_calls_user_status_called_at",
                table: "api_calls",
                columns: new[] { "user_id", "status_code", "called_at" });

            migrationBuilder.CreateIndex(
                name: "IX_api_tokens_token_hash",
                table: "api_tokens",
                column: "token_hash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_api_tokens_user_id",
                table: "api_tokens",
                column: "user_id");

            migrationBuilder.CreateIndex(
                name: "ix_artists_name",
                table: "artists",
                column: "name");

            migrationBuilder.CreateIndex(
                name: "IX_artists_spotify_id",
                table: "artists",
                column: "spotify_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ux_artists_name_unresolved",
                table: "artists",
                column: "name",
                unique: true,
                filter: "\"spotify_id\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_daily_rollups_user_id_local_date",
                table: "daily_rollups",
                columns: new[] { "user_id", "local_date" });

            migrationBuilder.CreateIndex(
                name: "IX_episodes_show_id",
                table: "episodes",
                column: "show_id");

            migrationBuilder.CreateIndex(
                name: "IX_episodes_spotify_id",
                table: "episodes",
                column: "spotify_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ux_episodes_show_name_unresolved",
                table: "episodes",
                columns: new[] { "show_id", "name" },
                unique: true,
                filter: "\"spotify_id\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_imports_user_id_created_at",
                table: "imports",
                columns: new[] { "user_id", "created_at" });

            migrationBuilder.CreateIndex(
                name: "IX_listening_sessions_user_id_local_date",
                table: "listening_sessions",
                columns: new[] { "user_id", "local_date" });

            migrationBuilder.CreateIndex(
                name: "ix_plays_user_date_counted",
                table: "plays",
                columns: new[] { "user_id", "local_date", "counted", "track_id", "episode_id", "ms_played" });

            migrationBuilder.CreateIndex(
                name: "ix_plays_user_played_at",
                table: "plays",
                columns: new[] { "user_id", "played_at" });

            migrationBuilder.CreateIndex(
                name: "ux_plays_user_episode_played_at",
                table: "plays",
                columns: new[] { "user_id", "episode_id", "played_at" },
                unique: true,
                filter: "\"episode_id\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ux_plays_user_track_played_at",
                table: "plays",
                columns: new[] { "user_id", "track_id", "played_at" },
                unique: true,
                filter: "\"track_id\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_reports_status",
                table: "reports",
                column: "status");

            migrationBuilder.CreateIndex(
                name: "IX_reports_user_id_created_at",
                table: "reports",
                columns: new[] { "user_id", "created_at" });

            migrationBuilder.CreateIndex(
                name: "IX_shows_spotify_id",
                table: "shows",
                column: "spotify_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ux_shows_kind_name_unresolved",
                table: "shows",
                columns: new[] { "kind", "name" },
                unique: true,
                filter: "\"spotify_id\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_sync_runs_status",
                table: "sync_runs",
                column: "status");

            migrationBuilder.CreateIndex(
                name: "IX_sync_runs_user_id_created_at",
                table: "sync_runs",
                columns: new[] { "user_id", "created_at" });

            migrationBuilder.CreateIndex(
                name: "IX_sync_steps_sync_run_id",
                table: "sync_steps",
                column: "sync_run_id");

            migrationBuilder.CreateIndex(
                name: "IX_track_artists_artist_id",
                table: "track_artists",
                column: "artist_id");

            migrationBuilder.CreateIndex(
                name: "IX_tracks_album_id",
                table: "tracks",
                column: "album_id");

            migrationBuilder.CreateIndex(
                name: "ix_tracks_artist_name",
                table: "tracks",
                columns: new[] { "primary_artist_id", "name" });

            migrationBuilder.CreateIndex(
                name: "IX_tracks_spotify_id",
                table: "tracks",
                column: "spotify_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ux_tracks_artist_name_unresolved",
                table: "tracks",
                columns: new[] { "primary_artist_id", "name" },
                unique: true,
                filter: "\"spotify_id\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_users_account_id",
                table: "users",
                column: "account_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_users_spotify_id",
                table: "users",
                column: "spotify_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_weekly_charts_user_id_chart_item_id_week_start",
                table: "weekly_charts",
                columns: new[] { "user_id", "chart", "item_id", "week_start" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "api_calls");

            migrationBuilder.DropTable(
                name: "api_tokens");

            migrationBuilder.DropTable(
                name: "daily_rollups");

            migrationBuilder.DropTable(
                name: "hourly_rollups");

            migrationBuilder.DropTable(
                name: "item_totals");

            migrationBuilder.DropTable(
                name: "listening_sessions");

            migrationBuilder.DropTable(
                name: "plays");

            migrationBuilder.DropTable(
                name: "reports");

            migrationBuilder.DropTable(
                name: "rollup_states");

            migrationBuilder.DropTable(
                name: "spotify_tokens");

            migrationBuilder.DropTable(
                name: "sync_steps");

            migrationBuilder.DropTable(
                name: "track_artists");

            migrationBuilder.DropTable(
                name: "weekly_charts");

            migrationBuilder.DropTable(
                name: "episodes");

            migrationBuilder.DropTable(
                name: "imports");

            migrationBuilder.DropTable(
                name: "sync_runs");

            migrationBuilder.DropTable(
                name: "tracks");

            migrationBuilder.DropTable(
                name: "shows");

            migrationBuilder.DropTable(
                name: "users");

            migrationBuilder.DropTable(
                name: "albums");

            migrationBuilder.DropTable(
                name: "artists");
        }
    }
}
