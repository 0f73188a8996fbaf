namespace WasmSharp.Singlepass.CodeGen;

/// <summary>
/// The registers a macro assembler keeps for itself (never allocated by the generator), handed out in
/// <see cref="ScratchScope"/>s so that a helper cannot silently clobber a scratch register its caller still holds:
/// taking a register that is held throws. Ids are the ISA's register numbers (below 64).
/// </summary>
internal sealed class ScratchPool
{
    private readonly Reg[] _ints, _floats;
    /// <summary>The scratch registers as bit sets: <see cref="Take"/> runs several times per memory access, and a
    /// search of the arrays there cost a few percent of compile time.</summary>
    private readonly ulong _intsOwned, _floatsOwned;
    private ulong _intsHeld, _floatsHeld;

    /// <param name="ints">General-purpose scratch registers, in the order they are handed out.</param>
    /// <param name="floats">Float/vector scratch registers, in the order they are handed out.</param>
    public ScratchPool(ReadOnlySpan<Reg> ints, ReadOnlySpan<Reg> floats)
    {
        _ints = ints.ToArray();
        _floats = floats.ToArray();
        foreach (var r in _ints) _intsOwned |= Bit(r);
        foreach (var r in _floats) _floatsOwned |= Bit(r);
    }

    /// <summary>Opens a scope; every register taken through it returns to the pool when it is disposed.</summary>
    public ScratchScope Scope() => new(this, _intsHeld, _floatsHeld);

    /// <summary>No scratch register is held (between operators, every scope has closed).</summary>
    public bool AllFree => (_intsHeld | _floatsHeld) == 0;

    internal Reg TakeAny(RegClass c)
    {
        var regs = c == RegClass.Int ? _ints : _floats;
        ulong held = c == RegClass.Int ? _intsHeld : _floatsHeld;
        foreach (var r in regs)
        {
            if ((held & Bit(r)) == 0) return Take(r);
        }
        throw new InvalidOperationException($"all {c} scratch registers are in use");
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    internal Reg Take(Reg r)
    {
        ulong bit = Bit(r);
        if (r.Class == RegClass.Int)
        {
            if (((_intsHeld & bit) | (~_intsOwned & bit)) != 0) RefuseTake(r);
            _intsHeld |= bit;
        }
        else
        {
            if (((_floatsHeld & bit) | (~_floatsOwned & bit)) != 0) RefuseTake(r);
            _floatsHeld |= bit;
        }
        return r;
    }

    /// <summary>Why <paramref name="r"/> cannot be taken (kept out of <see cref="Take"/> so that it inlines).</summary>
    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    private void RefuseTake(Reg r)
    {
        bool owned = ((r.Class == RegClass.Int ? _intsOwned : _floatsOwned) & Bit(r)) != 0;
        if (!owned) throw new ArgumentException($"{r} is not a scratch register");
        throw new InvalidOperationException($"scratch register {r} is already in use");
    }

    /// <summary>Back to what was held when a scope opened.</summary>
    internal void Restore(ulong ints, ulong floats)
    {
        _intsHeld = ints;
        _floatsHeld = floats;
    }

    private static ulong Bit(Reg r) => 1UL << r.Id;
}

/// <summary>
/// Scratch registers held for the length of a <c>using</c> block: <c>using var s = Scratch(); var t = s.Int();</c>.
/// Scopes nest like the blocks that open them: closing one gives back exactly what was taken since it opened. A
/// readonly struct over its pool (the pool keeps the state), so taking scratch registers allocates nothing.
/// </summary>
internal readonly ref struct ScratchScope
{
    private readonly ScratchPool _pool;
    private readonly ulong _ints, _floats;

    internal ScratchScope(ScratchPool pool, ulong ints, ulong floats)
    {
        _pool = pool;
        _ints = ints;
        _floats = floats;
    }

    /// <summary>Any free general-purpose scratch register.</summary>
    public Reg Int() => _pool.TakeAny(RegClass.Int);

    /// <summary>Any free float scratch register.</summary>
    public Reg Float() => _pool.TakeAny(RegClass.Float);

    /// <summary>This scratch register in particular (an instruction that works only on it); it must be free.</summary>
    public Reg Take(Reg r) => _pool.Take(r);

    public void Dispose() => _pool.Restore(_ints, _floats);
}
