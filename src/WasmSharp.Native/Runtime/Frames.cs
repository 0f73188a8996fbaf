using System.Runtime.InteropServices;
using WasmSharp.Native.Interop;

namespace WasmSharp.Native.Runtime;

/// <summary><c>wasm_frame_t</c>: a plain native struct. Offsets are those of <see cref="WasmFrame"/>, 0 when the
/// compiler could not tell (never a real instruction's: 0 is the module's magic, and a function's first byte declares
/// its locals); the instance is unknown (NULL), which the standard allows.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct FrameN
{
    public uint FuncIndex;
    public nuint FuncOffset;
    public nuint ModuleOffset;
}

internal static unsafe class Frames
{
    public static FrameN* New(WasmFrame f)
    {
        var p = (FrameN*)NativeMemory.AllocZeroed((nuint)sizeof(FrameN));
        p->FuncIndex = f.FunctionIndex;
        p->FuncOffset = (nuint)(f.FunctionOffset ?? 0);
        p->ModuleOffset = (nuint)(f.ModuleOffset ?? 0);
        return p;
    }

    public static void* Copy(void* f)
    {
        if (f == null) throw new ArgumentNullException(nameof(f), "frame is NULL");
        var p = (FrameN*)NativeMemory.Alloc((nuint)sizeof(FrameN));
        *p = *(FrameN*)f;
        return p;
    }

    public static void Delete(void* f) => NativeMemory.Free(f);
}
