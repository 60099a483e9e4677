using Dashboard.Core.Imports;

namespace Dashboard.Web.Components.Shared;

/// <summary>
/// The user's import that is waiting or running, which pages show the progress of while their figures grow.
/// </summary>
public class ImportActivity(ImportService imports)
{
    /// <summary>
    /// The oldest of the user's imports that is waiting or running (imports run one after another); null when none is.
    /// </summary>
    public virtual async Task<ImportSummary?> ActiveAsync(int userId, CancellationToken cancellationToken) =>
        (await imports.ListAsync(userId, cancellationToken)).Where(i => i.IsActive).MinBy(i => i.Id);
}
