namespace Dashboard.Web.Components.Shared;

/// <summary>
/// ARIA states as screen readers read them: "true" or "false" (Blazor writes a bool attribute as present or absent).
/// </summary>
public static class Aria
{
    public static string State(bool on) => on ? "true" : "false";
}
