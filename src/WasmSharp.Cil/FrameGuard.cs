using System.Reflection.Emit;
using WasmSharp.Binary;
using WasmSharp.Runtime;

namespace WasmSharp.Cil;

/// <summary>
/// Functions with huge frames (thousands of locals) get a small guard method in front: the usual entry check runs
/// after the prolog has allocated the frame, and a frame bigger than the store's reserve below the stack limit
/// would overflow the thread's stack before that. The guard checks the limit with the frame's size as margin
/// first, then calls the body.
/// </summary>
internal static class FrameGuard
{
    /// <summary>Below this many bytes of locals, the stack reserve below the limit covers the frame.</summary>
    public const int Threshold = 32 * 1024;

    /// <summary>Bytes of the function's parameters and locals.</summary>
    public static int LocalBytes(ModuleInfo m, int definedIndex, ref ValType[] buffer)
    {
        var body = m.Bodies[definedIndex];
        var type = m.FunctionType((uint)(m.ImportedFunctionCount + definedIndex));
        int n = LocalsReader.Read(m.Bytes.AsSpan(body.Offset, body.Length), body.Offset, type.Params, ref buffer, out _);
        int bytes = 0;
        for (int i = 0; i < n; i++) bytes += ValueLayout.SlotSize(buffer[i]);
        return bytes;
    }

    /// <summary>The frame estimate: RyuJIT may keep a copy of each local, plus its own temporaries.</summary>
    public static int Margin(int localBytes) => 2 * localBytes + 16 * 1024;

    public static void EmitGuard(MethodBuilder guard, MethodBuilder body, FuncType type, int margin, int module, int definedIndex)
    {
        var il = guard.GetILGenerator();
        var probe = il.DeclareLocal(typeof(byte));
        var ok = il.DefineLabel();
        il.Emit(OpCodes.Ldloca, probe);
        il.Emit(OpCodes.Conv_U);
        il.Emit(OpCodes.Ldc_I4, margin);
        il.Emit(OpCodes.Conv_U);
        il.Emit(OpCodes.Sub);
        il.Emit(OpCodes.Ldarg_0);
        il.Emit(OpCodes.Ldind_I);
        il.Emit(OpCodes.Volatile);
        il.Emit(OpCodes.Ldind_I);
        il.Emit(OpCodes.Bge_Un, ok);
        // the guard runs before the body's first instruction: no Wasm offset to name
        StackUnwind.EmitBegin(il, module, definedIndex, -1);
        ClrTypes.EmitDummyReturn(il, type);
        il.MarkLabel(ok);
        int args = ClrTypes.Params(type).Length;
        for (int i = 0; i < args; i++) il.Emit(OpCodes.Ldarg, (short)i);
        il.Emit(OpCodes.Call, body);
        il.Emit(OpCodes.Ret);
    }
}
