namespace Dashboard.Core;

/// <summary>One page of a longer list, newest first, with the size of the whole list.</summary>
public sealed record PagedList<T>(IReadOnlyList<T> Items, int Total, int Page, int PageSize)
{
    public int Pages => Total == 0 ? 0 : (Total + PageSize - 1) / PageSize;

    /// <summary>The page numbers a query asks for, kept within 1 and <paramref name="maxPageSize"/>.</summary>
    public static (int Page, int Size, int Skip) Clamp(int page, int pageSize, int maxPageSize)
    {
        var number = Math.Max(1, page);
        var size = Math.Clamp(pageSize, 1, maxPageSize);
        return (number, size, (number - 1) * size);
    }
}
