using Dashboard.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Dashboard.Migrations.Postgres;

/// <summary>
/// Lets <c>dotnet ef migrations add</c> build the model without starting the web app or reaching a server:
/// adding a migration only reads the model, so the connection string is never used.
/// </summary>
public sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<DashboardDbContext>
{
    public DashboardDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<DashboardDbContext>()
            .UseNpgsql("Host=127.0.0.1;Database=dashboard_design_time",
                npgsql => npgsql.MigrationsAssembly(typeof(PostgresDesignTimeFactory).Assembly.GetName().Name))
            .Options);
}
