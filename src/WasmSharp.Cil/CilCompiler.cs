using System.Reflection;
using System.Reflection.Emit;
using System.Runtime.CompilerServices;
using WasmSharp.Compilers;
using WasmSharp.Runtime;
using WasmSharp.Validation;

namespace WasmSharp.Cil;

/// <summary>
/// The optimizing compiler: each Wasm function becomes a static CIL method of a collectible dynamic assembly (one
/// per module), marked for full optimization, so RyuJIT compiles it once, on its first call.
/// </summary>
public sealed class CilCompiler : ICompiler
{
    private const MethodAttributes FunctionAttributes = MethodAttributes.Public | MethodAttributes.Static;
    private const MethodImplAttributes FunctionImpl = MethodImplAttributes.IL | MethodImplAttributes.Managed | MethodImplAttributes.AggressiveOptimization;

    public string Name => "cil";

    public CompiledCode Compile(ModuleInfo module, Engine engine)
    {
        ModuleValidator.Validate(module);
        var asm = AssemblyBuilder.DefineDynamicAssembly(new AssemblyName("WasmSharp.Cil.Module"), AssemblyBuilderAccess.RunAndCollect);
        var mb = asm.DefineDynamicModule("Module");
        var resultArea = DefineResultArea(mb, module);
        var tb = mb.DefineType("Functions", TypeAttributes.Public | TypeAttributes.Sealed | TypeAttributes.Abstract);
        var methods = new MethodBuilder[module.Bodies.Count];
        for (int i = 0; i < methods.Length; i++)
        {
            var type = module.FunctionType((uint)(module.ImportedFunctionCount + i));
            methods[i] = tb.DefineMethod(MethodName(i), FunctionAttributes, ClrTypes.Return(type), ClrTypes.Params(type));
            methods[i].SetImplementationFlags(FunctionImpl);
        }
        var ctx = new ModuleContext(module, engine, methods, resultArea);
        var locals = new ValType[16];
        long ilSize = 0;
        for (int i = 0; i < methods.Length; i++)
        {
            FunctionEmitter.Emit(ctx, i, ref locals);
            ilSize += methods[i].GetILGenerator().ILOffset;
        }
        var created = tb.CreateType();
        var entries = new nint[methods.Length];
        for (int i = 0; i < entries.Length; i++)
            entries[i] = created.GetMethod(MethodName(i), BindingFlags.Public | BindingFlags.Static)!.MethodHandle.GetFunctionPointer();
        return new CilCode(created, entries, ilSize);
    }

    private static string MethodName(int definedIndex) => "f" + definedIndex;

    /// <summary>A struct with room for the most results any call of the module returns, if any returns several.</summary>
    private static Type? DefineResultArea(ModuleBuilder mb, ModuleInfo module)
    {
        int most = 0;
        foreach (var t in module.Types) most = Math.Max(most, t.Results.Length);
        if (most < 2) return null;
        var tb = mb.DefineType("ResultArea", TypeAttributes.Public | TypeAttributes.Sealed | TypeAttributes.SequentialLayout,
            typeof(ValueType), PackingSize.Size8, most * 8);
        return tb.CreateType();
    }

    public nint HostFunctionCode(FuncType type) => SignatureStubs.For(type).Host;

    public unsafe TrapKind Invoke(VMFuncRef* func, FuncType type, ulong* area, RuntimeState* runtime)
    {
        var entry = (delegate*<nint, nint, ulong*, void>)SignatureStubs.For(type).Entry;
        try
        {
            // a backstop: the stack checks in generated code trap well before this would fire
            RuntimeHelpers.EnsureSufficientExecutionStack();
            entry(func->Code, (nint)func->Vmctx, area);
            return TrapKind.None;
        }
        catch (TrapException e)
        {
            return e.Kind;
        }
        catch (InsufficientExecutionStackException)
        {
            return TrapKind.CallStackExhausted;
        }
    }
}
