namespace WasmSharp.Cli;

/// <summary>Writes a file whole or not at all: to a temporary file beside it, then renamed over it, so a reader
/// (another process, a concurrent writer) sees the old file or the new one, never a part.</summary>
internal static class AtomicFile
{
    public static void Write(string path, ReadOnlySpan<byte> bytes)
    {
        string temp = $"{path}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
        try
        {
            using (var file = File.Create(temp)) file.Write(bytes);
            File.Move(temp, path, overwrite: true);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
    }
}
