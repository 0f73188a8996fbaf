using System.Reflection.Emit;
using WasmSharp.Binary;
using WasmSharp.Runtime;

namespace WasmSharp.Cil;

// Loads and stores, emitted inline (large functions exhaust RyuJIT's inlining budget, so helpers would stay calls):
// one unsigned bounds check of the whole access against the current length, then the raw base pointer; with guard
// pages (GuardPages.cs) just the raw base pointer plus the address.
internal sealed partial class FunctionEmitter
{
    private LocalBuilder? _memoryBase;
    /// <summary>Out-of-bounds accesses fault in the guard region instead of being checked (<see cref="GuardPages"/>).</summary>
    private bool _guardPages;
    /// <summary>Whether the function has an access without a check (see <see cref="CilCompiler.EmitFunction"/>).</summary>
    private bool _uncheckedAccesses;

    /// <summary>The memory's base never moves (it is reserved once), so it is read once per call. The length is read
    /// from the context at each access: a copy in a local (reloaded after calls and memory.grow) was measured 20%
    /// slower on sha256 and vpixel (AMD EPYC, .NET 10), though RyuJIT's code had one load less per access.</summary>
    private void EmitMemoryBaseLoad()
    {
        if (_ctx.Module.Memories.Count == 0) return;
        _guardPages = GuardPages.For(_ctx.Engine);
        _memoryBase = _il.DeclareLocal(typeof(nint));
        _il.Emit(OpCodes.Ldarg_0);
        _il.Emit(OpCodes.Ldc_I4, VMOffsets.VmctxMemoryBase);
        _il.Emit(OpCodes.Add);
        _il.Emit(OpCodes.Ldind_I);
        _il.Emit(OpCodes.Stloc, _memoryBase);
    }

    /// <summary>Turns the i32 address on the stack into a native address, trapping when the access does not fit:
    /// <c>(ulong)addr + (offset + size) &gt; vmctx->MemoryLength</c>, one add and one compare (offset and size
    /// folded into one constant; a 32-bit address plus a 32-bit offset cannot wrap 64 bits). With guard pages, no
    /// check: the MMU traps (<see cref="EmitUncheckedAddress"/>); <paramref name="access"/> says how the access is
    /// made, which decides what keeps RyuJIT from removing it.</summary>
    private void EmitEffectiveAddress(ulong offset, int size, Access access)
    {
        if (_guardPages)
        {
            if (access is Access.HelperLoad or Access.NarrowableLoad || access == Access.Load && size >= 8) EmitLastByteProbe(offset, size);
            EmitUncheckedAddress(offset);
            return;
        }
        var ea = Temp(ValType.I64, 2);
        var ok = _il.DefineLabel();
        _il.Emit(OpCodes.Conv_U8);
        _il.Emit(OpCodes.Stloc, ea);
        _il.Emit(OpCodes.Ldloc, ea);
        _il.Emit(OpCodes.Ldc_I8, (long)(offset + (ulong)size));
        _il.Emit(OpCodes.Add);
        _il.Emit(OpCodes.Ldarg_0);
        _il.Emit(OpCodes.Ldc_I4, VMOffsets.VmctxMemoryLength);
        _il.Emit(OpCodes.Add);
        _il.Emit(OpCodes.Ldind_I8);
        _il.Emit(OpCodes.Ble_Un, ok);
        EmitThrow(TrapKind.OutOfBoundsMemoryAccess);
        _il.MarkLabel(ok);
        _il.Emit(OpCodes.Ldloc, _memoryBase!);
        _il.Emit(OpCodes.Ldloc, ea);
        _il.Emit(OpCodes.Conv_U);
        _il.Emit(OpCodes.Add);
        if (offset != 0)
        {
            _il.Emit(OpCodes.Ldc_I8, (long)offset);
            _il.Emit(OpCodes.Conv_U);
            _il.Emit(OpCodes.Add);
        }
    }

    /// <summary>How an access reads or writes memory, for what guard pages need to keep it (see
    /// <see cref="EmitUncheckedAddress"/>).</summary>
    private enum Access
    {
        /// <summary>A volatile <c>stind</c>/<c>stobj</c>, or a lane store helper (stores are never removed).</summary>
        Store,
        /// <summary>A <c>ldind</c> made by <see cref="EmitLoad"/>, or a <c>ldobj</c> of 16 bytes (8 and 16 bytes:
        /// probed).</summary>
        Load,
        /// <summary>An 8- or 16-byte <c>ldind</c>/<c>ldobj</c> whose value surely reaches a store
        /// (<see cref="WideLoadReachesStore"/>): kept whole, not probed.</summary>
        StoredLoad,
        /// <summary>A helper that loads (SIMD extending, splat, zero and lane loads): probed.</summary>
        HelperLoad,
        /// <summary>A scalar 2- or 4-byte load whose value RyuJIT may narrow to its first byte(s)
        /// (<see cref="NarrowLoadUsedWhole"/>): probed.</summary>
        NarrowableLoad,
    }

    /// <summary>Guard pages: <c>base + (nuint)(uint)addr + offset</c>, nothing else. Every such address lies in the
    /// memory's reservation, which is inaccessible past the memory's length: an out-of-bounds access faults and
    /// <see cref="GuardPageFaults"/> makes the fault a <see cref="NullReferenceException"/> that <see cref="CilRunner"/>
    /// reports as the trap. A faulting store writes nothing, even when it straddles the end (x86 checks every byte of
    /// an access before writing any). RyuJIT removes a load whose value is unused (dropped, stored to a dead local,
    /// folded away) down to a probe of its first bytes, and that probe too once it has seen the base dereferenced at
    /// a constant offset (it then takes base + constant for valid: found by binaryen's fuzzer, for constant addresses
    /// and ones it propagates through locals). A volatile access is never removed, but an unused volatile 8- or
    /// 16-byte load still becomes a 4-byte probe of its first bytes: loads of up to 4 bytes are volatile (a plain
    /// <c>mov</c> on x86-64; <see cref="EmitLoad"/>), wider loads and loads made by helpers get a volatile
    /// probe of their last byte (<see cref="EmitLastByteProbe"/>). This replaced a load base hidden behind an xor
    /// with an opaque static zero, which RyuJIT read again after every store (vblur 25% slower than without it).</summary>
    private void EmitUncheckedAddress(ulong offset)
    {
        _uncheckedAccesses = true;
        t_sites!.NoteFaultingAccess(_wasmOffset);
        _il.Emit(OpCodes.Conv_U); // zero-extends the i32 address
        _il.Emit(OpCodes.Ldloc, _memoryBase!);
        _il.Emit(OpCodes.Add);
        if (offset == 0) return;
        if (offset <= int.MaxValue) _il.Emit(OpCodes.Ldc_I4, (int)offset);
        else
        {
            _il.Emit(OpCodes.Ldc_I8, (long)offset);
            _il.Emit(OpCodes.Conv_U);
        }
        _il.Emit(OpCodes.Add);
    }

    /// <summary>Guard pages: a helper's load, or a wide load, may be removed or narrowed when its value is unused, so a
    /// volatile 1-byte load of the access's last byte, which RyuJIT keeps, faults when the access does not fit (an
    /// access fits exactly when its last byte does). The probe forms its address like any 1-byte load, from the i32
    /// address kept in a local: a probe of the dup'd full address was dropped after a constant-address access. The
    /// i32 address stays on the stack.</summary>
    private void EmitLastByteProbe(ulong offset, int size)
    {
        var address = Temp(ValType.I32, 3);
        _il.Emit(OpCodes.Stloc, address);
        _il.Emit(OpCodes.Ldloc, address);
        EmitUncheckedAddress(offset + (ulong)size - 1);
        _il.Emit(OpCodes.Volatile);
        _il.Emit(OpCodes.Ldind_U1);
        _il.Emit(OpCodes.Pop);
        _il.Emit(OpCodes.Ldloc, address);
    }

    /// <summary>How an 8- or 16-byte load is made: <see cref="Access.StoredLoad"/> when guard pages are on and its value
    /// surely reaches a store, else <see cref="Access.Load"/>.</summary>
    private Access WideLoadAccess(bool v128, bool integer) =>
        _guardPages && WideLoadReachesStore(v128, integer) ? Access.StoredLoad : Access.Load;

    /// <summary>The i32 address on the stack, then a <c>ldind</c> of <paramref name="size"/> bytes there. With guard
    /// pages, loads of up to 4 bytes are volatile, so that RyuJIT keeps one whose value is unused (see
    /// <see cref="EmitUncheckedAddress"/>; wider ones are probed instead, unless <paramref name="access"/> says the
    /// value is stored).</summary>
    private void EmitLoad(ulong offset, int size, OpCode load, Access access = Access.Load)
    {
        EmitEffectiveAddress(offset, size, access);
        if (_guardPages && size < 8) _il.Emit(OpCodes.Volatile);
        _il.Emit(load);
    }

    /// <summary>Guard pages: stores are volatile, which keeps RyuJIT from merging adjacent ones into one wider store
    /// (it does for constants): when the second does not fit, the first must still be written before the trap. On
    /// x86-64 a volatile store is a plain <c>mov</c>.</summary>
    private void EmitStorePrefix()
    {
        if (_guardPages) _il.Emit(OpCodes.Volatile);
    }

    /// <summary>A CIL <c>throw</c>, so that RyuJIT knows the block ends there and moves it out of the hot path.</summary>
    private void EmitThrow(TrapKind kind)
    {
        EmitFuelFlush();
        _il.Emit(OpCodes.Ldc_I4, (int)kind);
        _il.Emit(OpCodes.Call, Helpers.Get(typeof(Traps), nameof(Traps.Create)));
        _il.Emit(OpCodes.Throw);
    }

    private bool EmitMemoryAccess(Opcode op, ulong offset)
    {
        switch (op)
        {
            case Opcode.I32Load: Load(4, OpCodes.Ldind_I4); break;
            case Opcode.I64Load: Load(8, OpCodes.Ldind_I8, access: WideLoadAccess(v128: false, integer: true)); break;
            case Opcode.F32Load: Load(4, OpCodes.Ldind_R4); break;
            case Opcode.F64Load: Load(8, OpCodes.Ldind_R8, access: WideLoadAccess(v128: false, integer: false)); break;
            case Opcode.I32Load8S: Load(1, OpCodes.Ldind_I1); break;
            case Opcode.I32Load8U: Load(1, OpCodes.Ldind_U1); break;
            case Opcode.I32Load16S: Load(2, OpCodes.Ldind_I2); break;
            case Opcode.I32Load16U: Load(2, OpCodes.Ldind_U2); break;
            case Opcode.I64Load8S: Load(1, OpCodes.Ldind_I1, OpCodes.Conv_I8); break;
            case Opcode.I64Load8U: Load(1, OpCodes.Ldind_U1, OpCodes.Conv_U8); break;
            case Opcode.I64Load16S: Load(2, OpCodes.Ldind_I2, OpCodes.Conv_I8); break;
            case Opcode.I64Load16U: Load(2, OpCodes.Ldind_U2, OpCodes.Conv_U8); break;
            case Opcode.I64Load32S: Load(4, OpCodes.Ldind_I4, OpCodes.Conv_I8); break;
            case Opcode.I64Load32U: Load(4, OpCodes.Ldind_U4, OpCodes.Conv_U8); break;
            case Opcode.I32Store: Store(ValType.I32, 4, OpCodes.Stind_I4); break;
            case Opcode.I64Store: Store(ValType.I64, 8, OpCodes.Stind_I8); break;
            case Opcode.F32Store: Store(ValType.F32, 4, OpCodes.Stind_R4); break;
            case Opcode.F64Store: Store(ValType.F64, 8, OpCodes.Stind_R8); break;
            case Opcode.I32Store8: Store(ValType.I32, 1, OpCodes.Stind_I1); break;
            case Opcode.I32Store16: Store(ValType.I32, 2, OpCodes.Stind_I2); break;
            case Opcode.I64Store8: Store(ValType.I64, 1, OpCodes.Stind_I1); break;
            case Opcode.I64Store16: Store(ValType.I64, 2, OpCodes.Stind_I2); break;
            case Opcode.I64Store32: Store(ValType.I64, 4, OpCodes.Stind_I4); break;
            default: return false;
        }
        return true;

        void Load(int size, OpCode load, OpCode? extend = null, Access access = Access.Load)
        {
            if (_guardPages && size is 2 or 4 && !NarrowLoadUsedWhole()) access = Access.NarrowableLoad;
            EmitLoad(offset, size, load, access);
            if (extend is { } e) _il.Emit(e);
        }

        void Store(ValType t, int size, OpCode store)
        {
            var value = Temp(t, 0);
            _il.Emit(OpCodes.Stloc, value);
            EmitEffectiveAddress(offset, size, Access.Store);
            _il.Emit(OpCodes.Ldloc, value);
            // narrow stores of an i64 take an int32 operand in CIL
            if (t == ValType.I64 && size < 8) _il.Emit(OpCodes.Conv_I4);
            EmitStorePrefix();
            _il.Emit(store);
        }
    }
}
