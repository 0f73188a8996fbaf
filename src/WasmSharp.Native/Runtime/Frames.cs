using System.Runtime.InteropServices;
using WasmSharp.Native.Interop;

namespace WasmSharp.Native.Runtime;

/// <summary><c>wasm_frame_t</c>: a plain native struct. The runtime's backtraces know the function index only;
/// offsets are 0 and the instance is unknown (NULL), which the standard allows.</summary>
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
