using System.Globalization;
using System.Text;

namespace Dashboard.Core.Reports;

/// <summary>
/// Writes RFC 4180 CSV that spreadsheets open cleanly: UTF-8 with a byte-order mark (so Excel reads it as
/// UTF-8), CRLF line ends, quoting only where needed, and text that would start a formula (<c>=</c>, <c>+</c>,
/// <c>-</c>, <c>@</c>) prefixed with an apostrophe so that opening the file never runs a track name.
/// </summary>
internal sealed class CsvWriter(Stream output) : IAsyncDisposable
{
    private readonly StreamWriter _writer = new(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true),
        bufferSize: 64 * 1024, leaveOpen: true)
    {
        NewLine = "\r\n",
    };

    private bool _lineStarted;

    public void Text(string? value)
    {
        Separate();
        if (string.IsNullOrEmpty(value))
        {
            return;
        }
        if (value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            value = "'" + value;
        }
        if (value.AsSpan().IndexOfAny(",\"\r\n") >= 0)
        {
            _writer.Write('"');
            _writer.Write(value.Replace("\"", "\"\"", StringComparison.Ordinal));
            _writer.Write('"');
        }
        else
        {
            _writer.Write(value);
        }
    }

    public void Number(long? value)
    {
        Separate();
        if (value is { } number)
        {
            _writer.Write(number.ToString(CultureInfo.InvariantCulture));
        }
    }

    public void Number(double? value, string format)
    {
        Separate();
        if (value is { } number)
        {
            _writer.Write(number.ToString(format, CultureInfo.InvariantCulture));
        }
    }

    public void Boolean(bool? value)
    {
        Separate();
        if (value is { } flag)
        {
            _writer.Write(flag ? "true" : "false");
        }
    }

    /// <summary>An ISO-8601 time with its offset, which spreadsheets and parsers read without guessing.</summary>
    public void Time(DateTimeOffset value)
    {
        Separate();
        _writer.Write(value.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture));
    }

    public void Row(params string[] values)
    {
        foreach (var value in values)
        {
            Text(value);
        }
        EndRow();
    }

    public void EndRow()
    {
        _writer.WriteLine();
        _lineStarted = false;
    }

    public ValueTask DisposeAsync() => _writer.DisposeAsync();

    private void Separate()
    {
        if (_lineStarted)
        {
            _writer.Write(',');
        }
        _lineStarted = true;
    }
}
