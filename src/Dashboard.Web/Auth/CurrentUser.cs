using Microsoft.AspNetCore.Components.Authorization;

namespace Dashboard.Web.Auth;

/// <summary>The signed-in user of an interactive component, read from the circuit's authentication state.</summary>
public sealed class CurrentUser(AuthenticationStateProvider authentication)
{
    /// <summary>The user id; pages behind [Authorize] always have one.</summary>
    public async Task<int> GetIdAsync()
    {
        var state = await authentication.GetAuthenticationStateAsync();
        return state.User.UserId() ?? throw new InvalidOperationException("No user is signed in.");
    }
}
