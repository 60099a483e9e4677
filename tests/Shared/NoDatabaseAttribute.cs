using Xunit.v3;

namespace Dashboard.Tests.Shared;

/// <summary>
/// Marks tests that touch no database (component tests over fakes, the Spotify emulator, pure logic) with the trait
/// <c>Database=None</c>. A run on another database provider leaves them out with <c>--filter "Database!=None"</c>: they
/// would only do again what the run on SQLite did.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, AllowMultiple = false)]
public sealed class NoDatabaseAttribute : Attribute, ITraitAttribute
{
    public const string Trait = "Database";
    public const string None = "None";

    public IReadOnlyCollection<KeyValuePair<string, string>> GetTraits() => [new(Trait, None)];
}
