using System.Runtime.InteropServices;

namespace WasmSharp.Cli;

/// <summary>The width of the terminal on stderr, asked of the kernel: .NET's Console.WindowWidth first initializes
/// the terminal (it writes an escape sequence that sets the keypad mode), which a status line has no business doing.</summary>
internal static class TerminalWidth
{
    private const int Stderr = 2;
    private const nuint TIOCGWINSZ = 0x5413; // Linux, x86-64 and AArch64 alike

    [StructLayout(LayoutKind.Sequential)]
    private struct WinSize
    {
        public ushort Rows, Columns, XPixels, YPixels;
    }

    // DllImport: the source-generated LibraryImport would need unsafe code for the out struct
    [DllImport("libc", EntryPoint = "ioctl")]
    private static extern int IoctlWinSize(int fd, nuint request, out WinSize size);

    /// <summary>Columns of the terminal, or 0 when unknown (not Linux, not a terminal, or never sized).</summary>
    public static int Columns()
    {
        if (!OperatingSystem.IsLinux()) return 0;
        try
        {
            return IoctlWinSize(Stderr, TIOCGWINSZ, out var size) == 0 ? size.Columns : 0;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return 0;
        }
    }
}
