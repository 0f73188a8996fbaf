namespace WasmSharp.Wasi.Descriptors;

/// <summary>
/// Windows: the host's stdin, stdout or stderr passed to the guest as the console's unbuffered standard streams
/// (each write goes straight to the handle, so nothing is held back or reordered). They are not known to be
/// terminals, so wasi-libc buffers fully, as it does for a pipe on Linux. Never closed here.
/// </summary>
internal static class WindowsStdio
{
    public static StreamDescriptor Open(int number, bool readable)
    {
        var stream = number switch
        {
            0 => Console.OpenStandardInput(),
            1 => Console.OpenStandardOutput(),
            _ => Console.OpenStandardError(),
        };
        return new StreamDescriptor(stream, readable, ownsStream: false, Filetype.Unknown)
        {
            Base = readable ? RightSets.Stdin : RightSets.Stdout,
        };
    }
}
