using System.Reflection.Emit;
using WasmSharp.Runtime;

namespace WasmSharp.Cil;

// Calls: direct `call` for defined functions (when compiled eagerly), `calli` through a VMFuncRef for imports,
// call_indirect and lazily compiled functions.
internal sealed partial class FunctionEmitter
{
    private void EmitCall(uint funcIndex)
    {
        var type = _ctx.Module.FunctionType(funcIndex);
        if (_ctx.Methods is { } methods && funcIndex >= _ctx.ImportedFunctions)
        {
            _ctx.BackgroundJit?.AddCall((int)(funcIndex - _ctx.ImportedFunctions));
            var args = SpillArgs(type);
            _il.Emit(OpCodes.Ldarg_0);
            LoadAll(args);
            EmitResultAreaArg(type);
            EmitFuelFlush();
            _il.Emit(OpCodes.Call, methods[funcIndex - _ctx.ImportedFunctions]);
            EmitAfterCall();
            if (!TinyLeaves.IsTinyLeaf(_ctx, (int)(funcIndex - _ctx.ImportedFunctions))) EmitUnwindCheck(type, StackCheck.AfterCall);
        }
        else
        {
            // &vmctx->Functions[funcIndex]: the reference a lazy function's first call patches
            _il.Emit(OpCodes.Ldarg_0);
            _il.Emit(OpCodes.Ldc_I4, VMOffsets.VmctxFunctions);
            _il.Emit(OpCodes.Add);
            _il.Emit(OpCodes.Ldind_I);
            _il.Emit(OpCodes.Ldc_I4, (int)funcIndex * VMOffsets.FuncRefSize);
            _il.Emit(OpCodes.Add);
            EmitFuelFlush();
            EmitCallRef(type);
            EmitAfterCall();
            // a defined function's reference (lazily compiled modules) runs on this instance's context
            EmitUnwindCheck(type, funcIndex >= _ctx.ImportedFunctions ? StackCheck.AfterCall : StackCheck.AfterForeignCall);
        }
        PushResults(type);
    }

    private void EmitCallIndirect(uint typeIndex, uint table)
    {
        Pop();
        var type = _ctx.Module.Types[(int)typeIndex];
        _il.Emit(OpCodes.Ldc_I4, (int)table);
        _il.Emit(OpCodes.Ldc_I4, _ctx.Engine.TypeId(type));
        _il.Emit(OpCodes.Ldarg_0);
        EmitFuelFlush(); // for IndirectTarget's traps and the callee
        _il.Emit(OpCodes.Call, Helpers.Get(typeof(TableOps), nameof(TableOps.IndirectTarget)));
        EmitCallRef(type);
        EmitAfterCall();
        EmitUnwindCheck(type, StackCheck.AfterForeignCall);
        PushResults(type);
    }

    /// <summary>After a call: if the callee returned because of an unwind, this function returns too.</summary>
    private void EmitUnwindCheck(FuncType callee, StackCheck kind) =>
        EmitStackCheck(_stack.Count + (callee.Results.Length == 1 ? 1 : 0), kind);

    /// <summary>Calls the <see cref="VMFuncRef"/> on top of the CIL stack, its arguments below it.</summary>
    private void EmitCallRef(FuncType type)
    {
        _funcRef ??= _il.DeclareLocal(typeof(nint));
        _il.Emit(OpCodes.Stloc, _funcRef);
        var args = SpillArgs(type);
        _il.Emit(OpCodes.Ldloc, _funcRef);
        _il.Emit(OpCodes.Ldc_I4, VMOffsets.FuncRefVmctx);
        _il.Emit(OpCodes.Add);
        _il.Emit(OpCodes.Ldind_I);
        LoadAll(args);
        EmitResultAreaArg(type);
        _il.Emit(OpCodes.Ldloc, _funcRef);
        _il.Emit(OpCodes.Ldind_I);
        _il.EmitCalli(OpCodes.Calli, System.Reflection.CallingConventions.Standard, ClrTypes.Return(type), ClrTypes.Params(type), null);
    }

    /// <summary>Moves the arguments to temps: the callee's context goes below them.</summary>
    private LocalBuilder[] SpillArgs(FuncType type)
    {
        var args = new LocalBuilder[type.Params.Length];
        for (int i = 0; i < args.Length; i++) args[i] = Temp(type.Params[i], 8 + i);
        StoreTop(args);
        Pop(args.Length);
        return args;
    }

    private void EmitResultAreaArg(FuncType type)
    {
        if (!ClrTypes.HasResultArea(type)) return;
        _resultArea ??= _il.DeclareLocal(_ctx.ResultArea!);
        _il.Emit(OpCodes.Ldloca, _resultArea);
        _il.Emit(OpCodes.Conv_U);
    }

    private void PushResults(FuncType type)
    {
        if (ClrTypes.HasResultArea(type))
        {
            for (int i = 0; i < type.Results.Length; i++)
            {
                _il.Emit(OpCodes.Ldloca, _resultArea!);
                _il.Emit(OpCodes.Conv_U);
                _il.Emit(OpCodes.Ldc_I4, ClrTypes.ResultOffset(type, i));
                _il.Emit(OpCodes.Add);
                ClrTypes.EmitLoad(_il, type.Results[i]);
            }
        }
        foreach (var r in type.Results) Push(r);
    }
}
