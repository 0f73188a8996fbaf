using System.Text;
using WasmSharp.Wasi.Descriptors;

namespace WasmSharp.Emscripten;

/// <summary>emscripten_console_log/warn/error: the glue's console.log goes to stdout, warn and error to stderr,
/// each a line.</summary>
internal sealed partial class EmscriptenEnv
{
    private void AddConsole(Dictionary<string, HostDef> d)
    {
        F(d, "emscripten_console_log", "i", "", (a, _) => ConsoleLine(1, U(a, 0)));
        F(d, "emscripten_console_warn", "i", "", (a, _) => ConsoleLine(2, U(a, 0)));
        F(d, "emscripten_console_error", "i", "", (a, _) => ConsoleLine(2, U(a, 0)));
    }

    private void ConsoleLine(int fd, uint str)
    {
        if (!Wasi.Fds.Contains(fd) || Wasi.Fds.Get(fd) is not StreamDescriptor { Readable: false } s) return;
        s.Stream.Write(Encoding.UTF8.GetBytes(CString(str) + "\n"));
        s.Stream.Flush();
    }
}
