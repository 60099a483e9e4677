namespace Dashboard.Web.Components.Layout;

/// <summary>Remembers the light/dark choice in a cookie, which the server reads so the first paint is right.</summary>
public static class ThemeCookie
{
    public const string Name = "dashboard.theme";

    public static bool? Read(HttpContext? context) =>
        context?.Request.Cookies[Name] switch
        {
            "dark" => true,
            "light" => false,
            _ => null,
        };
}
