using Dashboard.Core.Data;
using Xunit.v3;

namespace Dashboard.Tests.Shared;

/// <summary>
/// Marks tests that run on one database provider whatever the suite runs on, with the trait <c>Database=Sqlite</c> or
/// <c>Database=Postgres</c>: the single machine's crash on a SQLite file, a cluster of two instances on PostgreSQL.
/// The run on SQLite runs both kinds (the PostgreSQL ones when it is given a server); a run on PostgreSQL leaves them
/// out with <c>--filter "Database!=Sqlite&amp;Database!=Postgres"</c>: it would only do again what that run did.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class RunsOnAttribute(DatabaseProvider provider) : Attribute, ITraitAttribute
{
    public IReadOnlyCollection<KeyValuePair<string, string>> GetTraits() =>
        [new(NoDatabaseAttribute.Trait, provider.ToString())];
}
