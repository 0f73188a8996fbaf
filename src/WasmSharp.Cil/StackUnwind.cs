using System.ComponentModel;
using System.Reflection.Emit;
using System.Runtime.CompilerServices;
using WasmSharp.Runtime;

namespace WasmSharp.Cil;

/// <summary>
/// Stack exhaustion and interrupts unwind by returning, not by a .NET exception: an exception costs the runtime's
/// unwinder microseconds per frame in each of its two passes, and exhaustion leaves tens of thousands of frames
/// (about 0.1–0.2 s per trap at a 1 MiB budget). A failed stack check calls <see cref="Begin"/>, which forces the
/// store's stack limit and the calling instance's <see cref="VMContext.LoopLimit"/> to the maximum and returns; the
/// function returns a dummy value, and the check after every call then fails in each caller in turn (a call within
/// the instance tests its LoopLimit, one that may leave it the stack limit), down to <see cref="CilRunner.Invoke"/>,
/// which calls <see cref="Finish"/>: it puts the stack limit back, and the store, handling the trap, every
/// instance's LoopLimit (<c>Store.SyncLoopLimits</c>). Each frame on the way records itself, so the backtrace is
/// exact even through inlining.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)] // public for generated code only
public static unsafe class StackUnwind
{
    /// <summary>Called by a failed stack check, at function entry, loop header or after a call: starts the unwind
    /// (or continues it) and records the frame of defined function <paramref name="definedIndex"/> of module
    /// <paramref name="module"/> (<see cref="Backtraces"/> numbers modules), at the Wasm instruction at module offset
    /// <paramref name="wasmOffset"/> (-1: none).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void Begin(nint vmctx, int module, int definedIndex, int wasmOffset)
    {
        var runtime = ((VMContext*)vmctx)->Runtime;
        // every caller's check after its call now fails, so each returns at once: the callers on other instances
        // compare with the stack limit, those on this one test its LoopLimit (one load fewer per call)
        Volatile.Write(ref runtime->StackLimit, nuint.MaxValue);
        // put back by the store after the trap (Store.SyncLoopLimits), with every other instance's copy
        Volatile.Write(ref ((VMContext*)vmctx)->LoopLimit, nuint.MaxValue);
        if (runtime->TrapCode == 0)
        {
            runtime->TrapCode = (int)TrapKind.CallStackExhausted;
            runtime->TrapFrameCount = 0;
        }
        if (runtime->TrapFrameCount < RuntimeState.MaxTrapFrames)
        {
            // the offsets beside the frames, per thread: the unwind and the backtrace that reads it run on one thread
            (t_offsets ??= new int[RuntimeState.MaxTrapFrames])[runtime->TrapFrameCount] = wasmOffset;
            runtime->TrapFrames[runtime->TrapFrameCount++] = Frame(module, definedIndex);
        }
    }

    [ThreadStatic] private static int[]? t_offsets;

    /// <summary><c>Begin(vmctx, module, definedIndex, wasmOffset)</c> (the CIL stack is left as it was).</summary>
    internal static void EmitBegin(ILGenerator il, int module, int definedIndex, int wasmOffset)
    {
        il.Emit(OpCodes.Ldarg_0);
        il.Emit(OpCodes.Ldc_I4, module);
        il.Emit(OpCodes.Ldc_I4, definedIndex);
        il.Emit(OpCodes.Ldc_I4, wasmOffset);
        il.Emit(OpCodes.Call, Helpers.Get(typeof(StackUnwind), nameof(Begin)));
    }

    /// <summary>Before a call from .NET: no unwind is under way.</summary>
    internal static void Reset(RuntimeState* runtime)
    {
        runtime->TrapCode = 0;
        runtime->TrapFrameCount = 0;
    }

    /// <summary>After the entry returned: whether it returned because of an unwind. Puts the real stack limit back
    /// (the store tells an interrupt from exhaustion and clears the interrupt).</summary>
    internal static bool Finish(RuntimeState* runtime)
    {
        if (runtime->TrapCode == 0) return false;
        runtime->TrapCode = 0;
        Volatile.Write(ref runtime->StackLimit, runtime->SavedStackLimit);
        // an interrupt requested meanwhile must not be lost by the write above
        if (Volatile.Read(ref runtime->InterruptRequested) != 0) Volatile.Write(ref runtime->StackLimit, nuint.MaxValue);
        return true;
    }

    /// <summary>The frames the last unwind on this thread recorded, innermost first (module number, defined function
    /// index, Wasm offset or -1).</summary>
    internal static IEnumerable<(int Module, int DefinedIndex, int WasmOffset)> Frames(RuntimeState* runtime)
    {
        int n = Math.Min(runtime->TrapFrameCount, RuntimeState.MaxTrapFrames);
        var frames = new (int, int, int)[n];
        for (int i = 0; i < n; i++)
            frames[i] = ((int)(runtime->TrapFrames[i] >> 32), (int)(uint)runtime->TrapFrames[i], t_offsets is { } o ? o[i] : -1);
        return frames;
    }

    private static ulong Frame(int module, int definedIndex) => (ulong)(uint)module << 32 | (uint)definedIndex;
}
