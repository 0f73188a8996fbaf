using System.Reflection.Emit;

namespace WasmSharp.Cil;

/// <summary>The stack checks a function makes (see <see cref="FunctionEmitter.EmitStackCheck"/>).</summary>
internal enum StackCheck
{
    /// <summary>At entry: the stack pointer against the store's stack limit (exhaustion, or a stop request, which
    /// forces the limit to the maximum).</summary>
    Entry,
    /// <summary>After a call of a function of this instance (it ran on this <c>vmctx</c>): whether
    /// <c>vmctx->LoopLimit</c> says "stop", which an unwind of the callee (<see cref="StackUnwind.Begin"/>) or a
    /// stop request sets.</summary>
    AfterCall,
    /// <summary>After a call that may run on another instance's context (an import, <c>call_indirect</c>): its
    /// unwind forced the store's stack limit, not this instance's <c>LoopLimit</c>, so as at entry.</summary>
    AfterForeignCall,
    /// <summary>At a loop header: whether <c>vmctx->LoopLimit</c> says "stop", read volatile (another thread sets it
    /// to interrupt).</summary>
    LoopHeader,
}

// Stack checks: each is a compare and a branch to a call of StackUnwind.Begin, then the unwind exit.
internal sealed partial class FunctionEmitter
{
    private LocalBuilder? _stackProbe;

    /// <summary>
    /// Starts or continues an unwind (see <see cref="StackUnwind"/>) when the check of kind <paramref name="kind"/>
    /// fails. <see cref="StackCheck.Entry"/> and <see cref="StackCheck.AfterForeignCall"/> compare the stack pointer
    /// (a local's address) with <c>vmctx->Runtime->StackLimit</c>: two dependent loads. A loop header and
    /// <see cref="StackCheck.AfterCall"/> test <c>vmctx->LoopLimit != 0</c> (0, or the maximum while a stop is
    /// requested or this instance unwinds): one load of the context, which RyuJIT keeps in a register, and no stack
    /// address (fib 20% faster than with the stack-limit compare after calls; a loop header saves the address's
    /// <c>lea</c>, where Singlepass compares <c>rsp</c> itself). <paramref name="cilDepth"/> values lie on the CIL
    /// stack, to be dropped.
    /// </summary>
    private void EmitStackCheck(int cilDepth, StackCheck kind)
    {
        var ok = _il.DefineLabel();
        if (kind is StackCheck.AfterCall or StackCheck.LoopHeader)
        {
            _il.Emit(OpCodes.Ldarg_0);
            _il.Emit(OpCodes.Ldc_I4, Runtime.VMOffsets.VmctxLoopLimit);
            _il.Emit(OpCodes.Add);
            if (kind == StackCheck.LoopHeader) _il.Emit(OpCodes.Volatile);
            else EmitVolatileUnlessInterruptible();
            _il.Emit(OpCodes.Ldind_I);
            _il.Emit(OpCodes.Brfalse, ok);
        }
        else
        {
            _stackProbe ??= _il.DeclareLocal(typeof(byte));
            _il.Emit(OpCodes.Ldloca, _stackProbe);
            _il.Emit(OpCodes.Conv_U);
            _il.Emit(OpCodes.Ldarg_0);
            _il.Emit(OpCodes.Ldind_I); // vmctx->Runtime
            EmitVolatileUnlessInterruptible();
            _il.Emit(OpCodes.Ldind_I); // ->StackLimit
            if (kind == StackCheck.Entry)
            {
                // out of line (EmitEntryCheckFailure); the CIL stack is empty at entry
                _entryFail = _il.DefineLabel();
                _entryFailOffset = _wasmOffset;
                _il.Emit(OpCodes.Blt_Un, _entryFail.Value);
                return;
            }
            _il.Emit(OpCodes.Bge_Un, ok);
        }
        StackUnwind.EmitBegin(_il, _ctx.Number, _definedIndex, _wasmOffset);
        for (int i = 0; i < cilDepth; i++) _il.Emit(OpCodes.Pop);
        _unwindExit ??= _il.DefineLabel();
        _il.Emit(OpCodes.Br, _unwindExit.Value);
        _il.MarkLabel(ok);
    }

    /// <summary>The entry check's failure block, emitted after the body, and the Wasm offset it records.</summary>
    private Label? _entryFail;
    private int _entryFailOffset;

    /// <summary>
    /// After the body: what a failed entry check does (start the unwind, return). Out of line, so that the check falls
    /// through into the body: inline, RyuJIT (synthesized PGO) laid the call and an epilogue out between the check
    /// and the body, a taken branch at every call (CPU time, 3 interleaved runs, twice: interp 1.30 -> 1.21 s and
    /// 1.31 -> 1.20 s). The other checks stay inline, where RyuJIT already moves the call out of the way (all of
    /// them out of line measured slower on interp: 1.28 s).
    /// </summary>
    private void EmitEntryCheckFailure()
    {
        if (_entryFail is { } fail) EmitUnwindStart(fail, _entryFailOffset);
    }

    /// <summary>A block after the body, at <paramref name="label"/>, reached with an empty CIL stack: starts an unwind
    /// recording <paramref name="wasmOffset"/> and returns through the unwind exit.</summary>
    private void EmitUnwindStart(Label label, int wasmOffset)
    {
        _il.MarkLabel(label);
        StackUnwind.EmitBegin(_il, _ctx.Number, _definedIndex, wasmOffset);
        _unwindExit ??= _il.DefineLabel();
        _il.Emit(OpCodes.Br, _unwindExit.Value);
    }

    /// <summary>
    /// Loop headers read volatile (<see cref="StackCheck.LoopHeader"/>): another thread raises the limit to
    /// interrupt, and a loop must not hoist the load. The checks at entry and after calls need not be (a volatile
    /// load also keeps RyuJIT from hoisting or reusing any other load across it: fib and interp ran 5-10% slower with
    /// them volatile, in noisy runs): each loop has a volatile check, or a call RyuJIT cannot inline
    /// (<see cref="LoopAlwaysCalls"/>), so their loads, even inlined into a loop, are never hoisted out of it.
    /// Without interruptible loops nothing guarantees that: they stay volatile.
    /// </summary>
    private void EmitVolatileUnlessInterruptible()
    {
        if (!_ctx.Engine.Config.InterruptibleLoops) _il.Emit(OpCodes.Volatile);
    }
}
