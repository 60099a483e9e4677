using System.Buffers.Binary;
using Dashboard.Core.Formatting;

namespace Dashboard.Core.Imports;

/// <summary>
/// Walks a zip's list of entries (its central directory) before <see cref="System.IO.Compression.ZipArchive"/> reads
/// it: ZipArchive makes an object of every entry before anyone can count them, so a zip of a few megabytes listing
/// millions of empty entries, or entries with 64 KB names, would take gigabytes. Here the list is read header by header
/// and the zip refused at the first entry past the limits.
/// </summary>
internal static class ZipDirectory
{
    /// <summary>
    /// The room one entry of a Spotify export takes in the list, with plenty to spare (its name is under 100 bytes).
    /// </summary>
    private const int RoomPerEntry = 1024;

    private const uint EndSignature = 0x06054b50;
    private const uint Zip64LocatorSignature = 0x07064b50;
    private const uint Zip64EndSignature = 0x06064b50;
    private const uint EntrySignature = 0x02014b50;
    private const int EndLength = 22;
    private const int Zip64EndLength = 56;
    private const int EntryHeaderLength = 46;

    /// <exception cref="ImportFileException">The zip lists more entries, or more bytes of names, than the limits
    /// allow.</exception>
    public static void Check(Stream zip, string name, ZipLimits limits)
    {
        if (DirectoryStart(zip) is not { } start)
        {
            // No list found: ZipArchive says the zip cannot be read.
            return;
        }
        var maxListed = (long)limits.MaxEntries * RoomPerEntry;
        zip.Position = start;
        using var listing = new BufferedStream(zip, 64 * 1024);
        var header = new byte[EntryHeaderLength];
        var skip = new byte[3 * ushort.MaxValue];
        var entries = 0;
        long listed = 0;
        while (listing.ReadAtLeast(header, header.Length, throwOnEndOfStream: false) == header.Length
               && BinaryPrimitives.ReadUInt32LittleEndian(header) == EntrySignature)
        {
            if (++entries > limits.MaxEntries)
            {
                throw new ImportFileException(
                    $"{name} holds more than the {limits.MaxEntries:N0} files a Spotify export can have. " +
                    "Nothing was imported.");
            }
            // The entry's name, extra field and comment follow its header.
            var variable = BinaryPrimitives.ReadUInt16LittleEndian(header.AsSpan(28))
                + BinaryPrimitives.ReadUInt16LittleEndian(header.AsSpan(30))
                           + BinaryPrimitives.ReadUInt16LittleEndian(header.AsSpan(32));
            listed += EntryHeaderLength + variable;
            if (listed > maxListed)
            {
                throw new ImportFileException(
                    $"{name} lists its files in more than {Figures.Bytes(maxListed)}, " +
                    "far more than a Spotify export needs. Nothing was imported.");
            }
            listing.ReadAtLeast(skip.AsSpan(0, variable), variable, throwOnEndOfStream: false);
        }
    }

    /// <summary>
    /// Where the list of entries starts, from the end-of-directory record; null when there is none to find.
    /// </summary>
    private static long? DirectoryStart(Stream zip)
    {
        var tailLength = (int)Math.Min(zip.Length, EndLength + ushort.MaxValue);
        var tail = new byte[tailLength];
        zip.Position = zip.Length - tailLength;
        zip.ReadExactly(tail);
        for (var end = tailLength - EndLength; end >= 0; end--)
        {
            if (BinaryPrimitives.ReadUInt32LittleEndian(tail.AsSpan(end)) != EndSignature)
            {
                continue;
            }
            var entries = BinaryPrimitives.ReadUInt16LittleEndian(tail.AsSpan(end + 10));
            var start = BinaryPrimitives.ReadUInt32LittleEndian(tail.AsSpan(end + 16));
            if (entries != ushort.MaxValue && start != uint.MaxValue)
            {
                return start < zip.Length ? start : null;
            }
            // Zip64: the record before this one points to the 64-bit end-of-directory record, which holds the start.
            var locator = end - 20;
            if (locator < 0 || BinaryPrimitives.ReadUInt32LittleEndian(tail.AsSpan(locator)) != Zip64LocatorSignature)
            {
                return null;
            }
            var end64 = BinaryPrimitives.ReadInt64LittleEndian(tail.AsSpan(locator + 8));
            if (end64 < 0 || end64 > zip.Length - Zip64EndLength)
            {
                return null;
            }
            var record = new byte[Zip64EndLength];
            zip.Position = end64;
            zip.ReadExactly(record);
            var start64 = BinaryPrimitives.ReadInt64LittleEndian(record.AsSpan(48));
            return BinaryPrimitives.ReadUInt32LittleEndian(record) == Zip64EndSignature && start64 >= 0
                && start64 < zip.Length ? start64 : null;
        }
        return null;
    }
}
