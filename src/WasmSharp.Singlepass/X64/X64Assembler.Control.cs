namespace WasmSharp.Singlepass.X64;

/// <summary>Branches, calls, jump tables and miscellaneous control instructions.</summary>
internal sealed partial class X64Assembler
{
    // ---- jumps to labels -------------------------------------------------------------------

    /// <summary>
    /// Unconditional jump. A bound (backward) target within reach gets the 2-byte rel8 form;
    /// anything else the 5-byte rel32 form, patched when the label is bound.
    /// </summary>
    public void Jmp(Label target)
    {
        int bound = _labels.OffsetOf(target);
        if (bound >= 0 && IsInt8(bound - (Position + 2)))
        {
            _buf.Emit8(0xEB);
            _buf.Emit8((byte)(bound - (Position + 1)));
            return;
        }
        _buf.Emit8(0xE9);
        EmitRel32(target);
    }

    /// <summary>Conditional jump, short form for near bound targets as in <see cref="Jmp(Label)"/>.</summary>
    public void Jcc(Cond cond, Label target)
    {
        int bound = _labels.OffsetOf(target);
        if (bound >= 0 && IsInt8(bound - (Position + 2)))
        {
            _buf.Emit8((byte)(0x70 | (int)cond));
            _buf.Emit8((byte)(bound - (Position + 1)));
            return;
        }
        _buf.Emit8(0x0F);
        _buf.Emit8((byte)(0x80 | (int)cond));
        EmitRel32(target);
    }

    /// <summary>2-byte jump; the caller promises the target is within -128..127 (checked on bind).</summary>
    public void JmpShort(Label target)
    {
        _buf.Emit8(0xEB);
        EmitRel8(target);
    }

    /// <summary>2-byte conditional jump; the caller promises the target is within -128..127 (checked on bind).</summary>
    public void JccShort(Cond cond, Label target)
    {
        _buf.Emit8((byte)(0x70 | (int)cond));
        EmitRel8(target);
    }

    private void EmitRel32(Label target)
    {
        int field = Position;
        _buf.Emit32(0);
        _labels.Reference(target, _buf, field, field + 4, FixupKind.Rel32);
    }

    private void EmitRel8(Label target)
    {
        int field = Position;
        _buf.Emit8(0);
        _labels.Reference(target, _buf, field, field + 1, FixupKind.Rel8);
    }

    // ---- indirect jumps and calls ----------------------------------------------------------

    // FF /4 and FF /2 default to 64-bit operands in long mode: no REX.W.

    public void Jmp(Gpr target) => OpRR(OperandSize.S32, 0xFF, 4, (int)target);

    public void Jmp(Mem target) => OpRM(OperandSize.S32, 0xFF, 4, target);

    public void Call(Gpr target) => OpRR(OperandSize.S32, 0xFF, 2, (int)target);

    public void Call(Mem target) => OpRM(OperandSize.S32, 0xFF, 2, target);

    // ---- direct calls ----------------------------------------------------------------------

    public void Call(Label target)
    {
        _buf.Emit8(0xE8);
        EmitRel32(target);
    }

    /// <summary>
    /// <c>call rel32</c> to an offset in this buffer (e.g. another function already compiled
    /// into the same code region). Returns the offset of the rel32 field so the call can be
    /// re-targeted later with <see cref="PatchRel32"/> (e.g. a call to a function not compiled yet).
    /// </summary>
    public int CallRel32(int targetOffset)
    {
        _buf.Emit8(0xE8);
        int field = Position;
        _buf.Emit32((uint)(targetOffset - (field + 4)));
        return field;
    }

    /// <summary><c>jmp rel32</c> to an offset in this buffer; returns the rel32 field's offset like <see cref="CallRel32"/>.</summary>
    public int JmpRel32(int targetOffset)
    {
        _buf.Emit8(0xE9);
        int field = Position;
        _buf.Emit32((uint)(targetOffset - (field + 4)));
        return field;
    }

    /// <summary>Points the rel32 field at <paramref name="fieldOffset"/> (of a call/jmp ending right after it) at <paramref name="targetOffset"/>.</summary>
    public void PatchRel32(int fieldOffset, int targetOffset) =>
        _buf.Patch32(fieldOffset, (uint)(targetOffset - (fieldOffset + 4)));

    // ---- jump tables -----------------------------------------------------------------------

    /// <summary>
    /// Dispatches through a table built by <see cref="JumpTable"/>:
    /// <c>lea scratch, [rip+table]; movsxd index, [scratch+index*4]; add scratch, index; jmp scratch</c>.
    /// <paramref name="index"/> must already be bounds-checked and zero-extended; it is clobbered.
    /// </summary>
    public void JumpThroughTable(Gpr index, Gpr scratch, Label table)
    {
        Lea(OperandSize.S64, scratch, Mem.Rip(table));
        Movsxd(index, Mem.At(scratch, index, 4));
        Add(OperandSize.S64, scratch, index);
        Jmp(scratch);
    }

    /// <summary>
    /// Aligns to 4, binds <paramref name="table"/> there and emits one 32-bit entry per target:
    /// the target's offset relative to the table start (position-independent, patched on bind).
    /// Place it where execution cannot fall into it (after an unconditional jump).
    /// </summary>
    public void JumpTable(Label table, ReadOnlySpan<Label> targets)
    {
        Align(4);
        Bind(table);
        for (int i = 0; i < targets.Length; i++)
            JumpTableEntry(table, targets[i]);
    }

    /// <summary>One 32-bit entry <c>target - table</c>; <paramref name="table"/> must be bound.</summary>
    public void JumpTableEntry(Label table, Label target)
    {
        int tableOffset = _labels.OffsetOf(table);
        if (tableOffset < 0)
            throw new InvalidOperationException("bind the table label before emitting entries");
        int field = Position;
        _buf.Emit32(0);
        _labels.Reference(target, _buf, field, tableOffset, FixupKind.Rel32);
    }

    // ---- miscellaneous ---------------------------------------------------------------------

    public void Ret() => _buf.Emit8(0xC3);

    /// <summary>Guaranteed-invalid opcode: the trap instruction.</summary>
    public void Ud2()
    {
        _buf.Emit8(0x0F);
        _buf.Emit8(0x0B);
    }

    public void Int3() => _buf.Emit8(0xCC);

    public void Mfence()
    {
        _buf.Emit8(0x0F);
        _buf.Emit8(0xAE);
        _buf.Emit8(0xF0);
    }

    /// <summary>Intel's recommended multi-byte NOPs (SDM vol. 2B, NOP), 1 to 9 bytes; index = length.</summary>
    private static ReadOnlySpan<byte> NopTable =>
    [
        0x90,
        0x66, 0x90,
        0x0F, 0x1F, 0x00,
        0x0F, 0x1F, 0x40, 0x00,
        0x0F, 0x1F, 0x44, 0x00, 0x00,
        0x66, 0x0F, 0x1F, 0x44, 0x00, 0x00,
        0x0F, 0x1F, 0x80, 0x00, 0x00, 0x00, 0x00,
        0x0F, 0x1F, 0x84, 0x00, 0x00, 0x00, 0x00, 0x00,
        0x66, 0x0F, 0x1F, 0x84, 0x00, 0x00, 0x00, 0x00, 0x00,
    ];

    private const int MaxNopLength = 9;

    /// <summary>Emits <paramref name="length"/> bytes of padding as the fewest NOP instructions.</summary>
    public void Nop(int length = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        while (length > 0)
        {
            int n = Math.Min(length, MaxNopLength);
            int start = n * (n - 1) / 2; // the table is lengths 1, 2, 3... back to back
            _buf.EmitBytes(NopTable.Slice(start, n));
            length -= n;
        }
    }

    /// <summary>Pads with NOPs up to a multiple of <paramref name="alignment"/> (a power of two).</summary>
    public void Align(int alignment)
    {
        if (alignment <= 0 || (alignment & (alignment - 1)) != 0)
            throw new ArgumentOutOfRangeException(nameof(alignment), alignment, "must be a power of two");
        Nop(-Position & (alignment - 1));
    }
}
