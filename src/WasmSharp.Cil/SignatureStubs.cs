using System.Collections.Concurrent;
using System.Reflection;
using System.Reflection.Emit;
using WasmSharp.Runtime;

namespace WasmSharp.Cil;

/// <summary>
/// Per-signature glue, generated once per function type and kept for the process: the entry trampoline that calls
/// a function with arguments from a <see cref="ValueLayout"/> area, and the host stub that makes a host function
/// callable like compiled code.
/// </summary>
internal static class SignatureStubs
{
    public readonly record struct Stubs(nint Entry, nint Host);

    private static readonly ConcurrentDictionary<FuncType, Stubs> Cache = new();
    private static readonly Lock Gate = new();
    private static ModuleBuilder? _module;
    private static int _count;

    public static Stubs For(FuncType type)
    {
        if (Cache.TryGetValue(type, out var s)) return s;
        lock (Gate)
        {
            if (Cache.TryGetValue(type, out s)) return s;
            s = Create(type);
            Cache[type] = s;
            return s;
        }
    }

    private static Stubs Create(FuncType type)
    {
        _module ??= AssemblyBuilder.DefineDynamicAssembly(new AssemblyName("WasmSharp.Cil.Stubs"), AssemblyBuilderAccess.Run)
            .DefineDynamicModule("Stubs");
        var tb = _module.DefineType($"Sig{_count++}", TypeAttributes.Public | TypeAttributes.Sealed | TypeAttributes.Abstract);
        EmitEntry(tb, type);
        EmitHost(tb, type);
        var t = tb.CreateType();
        const BindingFlags flags = BindingFlags.Public | BindingFlags.Static;
        return new Stubs(t.GetMethod("Entry", flags)!.MethodHandle.GetFunctionPointer(),
            t.GetMethod("Host", flags)!.MethodHandle.GetFunctionPointer());
    }

    /// <summary><c>void Entry(nint code, nint vmctx, ulong* area)</c>: args from the area, results back to it.</summary>
    private static void EmitEntry(TypeBuilder tb, FuncType type)
    {
        var mb = tb.DefineMethod("Entry", MethodAttributes.Public | MethodAttributes.Static, typeof(void), [typeof(nint), typeof(nint), typeof(nint)]);
        var il = mb.GetILGenerator();
        il.Emit(OpCodes.Ldarg_1);
        for (int i = 0; i < type.Params.Length; i++) LoadSlot(il, OpCodes.Ldarg_2, ValueLayout.Offset(type.Params, i), type.Params[i]);
        if (ClrTypes.HasResultArea(type)) il.Emit(OpCodes.Ldarg_2);
        il.Emit(OpCodes.Ldarg_0);
        il.EmitCalli(OpCodes.Calli, CallingConventions.Standard, ClrTypes.Return(type), ClrTypes.Params(type), null);
        if (type.Results.Length == 1)
        {
            var result = il.DeclareLocal(ClrTypes.Of(type.Results[0]));
            il.Emit(OpCodes.Stloc, result);
            il.Emit(OpCodes.Ldarg_2);
            il.Emit(OpCodes.Ldloc, result);
            ClrTypes.EmitStore(il, type.Results[0]);
        }
        il.Emit(OpCodes.Ret);
    }

    /// <summary>
    /// <c>Host(nint hostCtx, params..., [results])</c>: lays the arguments into a stack area, calls
    /// <see cref="Libcalls.CallHost"/> and throws its trap (host exceptions are parked on the store and re-thrown
    /// where the call from .NET began).
    /// </summary>
    private static void EmitHost(TypeBuilder tb, FuncType type)
    {
        var mb = tb.DefineMethod("Host", MethodAttributes.Public | MethodAttributes.Static, ClrTypes.Return(type), ClrTypes.Params(type));
        var il = mb.GetILGenerator();
        var area = il.DeclareLocal(typeof(nint));
        il.Emit(OpCodes.Ldc_I4, Math.Max(ValueLayout.AreaSize(type), 16));
        il.Emit(OpCodes.Conv_U);
        il.Emit(OpCodes.Localloc);
        il.Emit(OpCodes.Stloc, area);
        for (int i = 0; i < type.Params.Length; i++)
        {
            il.Emit(OpCodes.Ldloc, area);
            il.Emit(OpCodes.Ldc_I4, ValueLayout.Offset(type.Params, i));
            il.Emit(OpCodes.Add);
            il.Emit(OpCodes.Ldarg, (short)(i + 1));
            ClrTypes.EmitStore(il, type.Params[i]);
        }
        il.Emit(OpCodes.Ldarg_0);
        il.Emit(OpCodes.Ldloc, area);
        il.Emit(OpCodes.Call, typeof(Libcalls).GetMethod(nameof(Libcalls.CallHost))!);
        il.Emit(OpCodes.Call, Helpers.Get(typeof(Traps), nameof(Traps.Check)));
        if (type.Results.Length == 1) LoadSlot(il, OpCodes.Ldloc, 0, type.Results[0], area);
        else
        {
            short results = (short)(type.Params.Length + 1);
            for (int i = 0; i < type.Results.Length; i++)
            {
                int offset = ClrTypes.ResultOffset(type, i);
                il.Emit(OpCodes.Ldarg, results);
                il.Emit(OpCodes.Ldc_I4, offset);
                il.Emit(OpCodes.Add);
                LoadSlot(il, OpCodes.Ldloc, offset, type.Results[i], area);
                ClrTypes.EmitStore(il, type.Results[i]);
            }
        }
        il.Emit(OpCodes.Ret);
    }

    private static void LoadSlot(ILGenerator il, OpCode loadBase, int offset, ValType t, LocalBuilder? local = null)
    {
        if (local is null) il.Emit(loadBase);
        else il.Emit(loadBase, local);
        il.Emit(OpCodes.Ldc_I4, offset);
        il.Emit(OpCodes.Add);
        ClrTypes.EmitLoad(il, t);
    }
}
