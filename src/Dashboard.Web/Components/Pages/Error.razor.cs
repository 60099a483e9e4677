using Microsoft.AspNetCore.Components;

namespace Dashboard.Web.Components.Pages;

public partial class Error
{
    /// <summary>The failed request, re-executed here: its id is the one its log lines and X-Request-ID carry.</summary>
    [CascadingParameter]
    private HttpContext? HttpContext { get; set; }
}
