using System.Text;
using WasmSharp.Text;

namespace WasmSharp.Cli;

/// <summary>
/// A problem in a <c>.wat</c> file is shown where the user wrote it, as wabt and C compilers do:
/// <c>FILE:LINE:COLUMN: error: MESSAGE</c>, for text that does not parse and for a module that parses but does not
/// validate (whose error names an offset of the encoded binary, mapped back to the instruction's text).
/// </summary>
internal static class WatDiagnostics
{
    /// <summary>The <c>error</c> line for <paramref name="e"/> met while reading <paramref name="file"/>: positioned
    /// in its text when it is WAT, else <c>error: WHERE: PROBLEM</c>.</summary>
    public static string Line(Exception e, FileInfo file, string? where = null) =>
        Positioned(e, file) ?? $"error: {where ?? file.FullName}: {Failures.Describe(e)}";

    /// <summary>Prints <see cref="Line"/> and returns the exit code, as <see cref="Failures.Report"/> does.</summary>
    public static int Report(Exception e, FileInfo file, string? where = null)
    {
        if (Positioned(e, file) is not { } line) return Failures.Report(e, where ?? file.FullName);
        Console.Error.WriteLine(line);
        return ExitCodes.Error;
    }

    private static string? Positioned(Exception e, FileInfo file) => e switch
    {
        WatParseException p => $"{file}:{p.Line}:{p.Column}: error: {p.Problem}",
        InvalidModuleException i when TryLocate(file, i.Offset, out int line, out int column) => $"{file}:{line}:{column}: error: {i.Reason}",
        _ => null,
    };

    /// <summary>Encodes the file's text again, this time with a source map (only on this error path, so normal
    /// runs pay nothing), and looks the offset up. False when the file is not WAT text.</summary>
    private static bool TryLocate(FileInfo file, long offset, out int line, out int column)
    {
        line = column = 0;
        try
        {
            if (!file.Exists) return false;
            var bytes = File.ReadAllBytes(file.FullName);
            if (bytes.AsSpan().StartsWith("\0asm"u8)) return false;
            Wat.ToBinary(Encoding.UTF8.GetString(bytes), debugNames: false, out var map);
            return map.TryFind(offset, out line, out column);
        }
        catch (Exception e) when (e is WasmException or IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
