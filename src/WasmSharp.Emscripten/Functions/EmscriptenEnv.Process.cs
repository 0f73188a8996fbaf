using System.Security.Cryptography;
using WasmSharp.Wasi;

namespace WasmSharp.Emscripten;

internal sealed partial class EmscriptenEnv
{
    private void AddProcess(Dictionary<string, HostDef> d)
    {
        F(d, "abort", "", "", (_, _) => throw new EmscriptenAbortException("native code called abort()"));
        // the glue's exit(): with emcc's default EXIT_RUNTIME=0 neither atexit handlers nor destructors run
        F(d, "exit", "i", "", (a, _) => throw new WasiExitException(a[0].AsInt32()));
        F(d, "_exit", "i", "", (a, _) => throw new WasiExitException(a[0].AsInt32()));
        F(d, "setTempRet0", "i", "", (a, _) => TempRet0 = a[0].AsInt32());
        I(d, "getTempRet0", "", _ => TempRet0);
        // emscripten_longjmp (in Wasm) has called setThrew(env, value); unwinding to the invoke_* is left to us
        F(d, "_emscripten_throw_longjmp", "", "", (_, _) => throw new GuestUnwind(0));
        I(d, "getentropy", "ii", a =>
        {
            RandomNumberGenerator.Fill(Mem.Span(U(a, 0), U(a, 1)));
            return 0;
        });
    }
}
