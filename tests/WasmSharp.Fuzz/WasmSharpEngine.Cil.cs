using WasmSharp.Cil;

namespace WasmSharp.Fuzz;

// The CIL engine apart from the rest: the NativeAOT replay (tests/WasmSharp.Fuzz.Replay) shares WasmSharpEngine.cs
// and cannot reference the CIL compiler (Reflection.Emit).
public sealed partial class WasmSharpEngine
{
    public static WasmSharpEngine Cil() => new("cil", new Engine(new CilCompiler()));
}
