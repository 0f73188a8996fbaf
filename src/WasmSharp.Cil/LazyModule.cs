using System.ComponentModel;
using System.Reflection;
using System.Reflection.Emit;
using WasmSharp.Runtime;

namespace WasmSharp.Cil;

/// <summary>
/// Lazy compilation for large modules: each function starts as a small stub that, on its first call, emits the
/// function's CIL into a type of its own, patches the calling instance's <see cref="VMFuncRef"/> to the result and
/// tail-forwards the call. Only functions that run are ever translated (and RyuJIT compiles only those, too).
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)] // public for generated code only
public sealed unsafe class LazyModule
{
    private readonly ModuleContext _ctx;
    private readonly ModuleBuilder _builder;
    private readonly nint[] _compiled;
    private readonly Lock _gate = new();
    private ValType[] _locals = new ValType[16];

    internal LazyModule(ModuleContext ctx, ModuleBuilder builder)
    {
        _ctx = ctx;
        _builder = builder;
        _compiled = new nint[ctx.Module.Bodies.Count];
    }

    /// <summary>The code of a function once compiled, else 0.</summary>
    internal nint Compiled(int definedIndex) => Volatile.Read(ref _compiled[definedIndex]);

    /// <summary>Called by a stub: compiles function <paramref name="definedIndex"/> if needed, points the instance's
    /// reference at it and returns its code.</summary>
    public nint Resolve(int definedIndex, nint vmctx)
    {
        nint code = Compiled(definedIndex);
        if (code == 0)
        {
            lock (_gate)
            {
                code = _compiled[definedIndex];
                if (code == 0)
                {
                    code = CompileOne(definedIndex);
                    Volatile.Write(ref _compiled[definedIndex], code);
                }
            }
        }
        ((VMContext*)vmctx)->Functions[_ctx.ImportedFunctions + definedIndex].Code = code;
        return code;
    }

    private nint CompileOne(int definedIndex)
    {
        var type = _ctx.Module.FunctionType((uint)(_ctx.ImportedFunctions + definedIndex));
        var tb = _builder.DefineType("F" + definedIndex, TypeAttributes.Public | TypeAttributes.Sealed | TypeAttributes.Abstract);
        var mb = CilCompiler.DefineFunction(tb, "f", type);
        CilCompiler.EmitFunction(_ctx, tb, mb, definedIndex, ref _locals);
        return tb.CreateType().GetMethod("f", BindingFlags.Public | BindingFlags.Static)!.MethodHandle.GetFunctionPointer();
    }

    /// <summary>
    /// The stub of a function: <c>calli(Resolve(i, vmctx), vmctx, args...)</c>. The module reaches the stub through
    /// a static field of the stubs' type, so it lives exactly as long as the collectible assembly.
    /// </summary>
    internal static void EmitStub(MethodBuilder stub, FieldInfo module, FuncType type, int definedIndex)
    {
        var il = stub.GetILGenerator();
        var code = il.DeclareLocal(typeof(nint));
        il.Emit(OpCodes.Ldsfld, module);
        il.Emit(OpCodes.Ldc_I4, definedIndex);
        il.Emit(OpCodes.Ldarg_0);
        il.Emit(OpCodes.Call, typeof(LazyModule).GetMethod(nameof(Resolve))!);
        il.Emit(OpCodes.Stloc, code);
        int args = ClrTypes.Params(type).Length;
        for (int i = 0; i < args; i++) il.Emit(OpCodes.Ldarg, (short)i);
        il.Emit(OpCodes.Ldloc, code);
        il.EmitCalli(OpCodes.Calli, CallingConventions.Standard, ClrTypes.Return(type), ClrTypes.Params(type), null);
        il.Emit(OpCodes.Ret);
    }
}
