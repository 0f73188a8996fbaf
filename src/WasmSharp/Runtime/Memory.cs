using WasmSharp.Runtime;
using WasmSharp.Runtime.Native;

namespace WasmSharp;

/// <summary>
/// A linear memory in native memory. The whole address range it may ever use is reserved once, so its base never
/// moves; <see cref="Grow"/> only makes more of it accessible. Instances that use it cache base and length in their
/// VM context, and are told when it grows.
/// </summary>
public sealed unsafe class Memory : IDisposable
{
    /// <summary>Reserved per memory: 4 GiB of addressable range plus 4 GiB of guard.</summary>
    private static readonly nuint Reservation = unchecked((nuint)(8UL << 30));

    private readonly List<nint> _users = new();
    private nint _base;

    public MemoryType Type => new(new Limits(Pages, MaxPages));
    public uint Pages { get; private set; }
    public uint? MaxPages { get; }
    public nint BasePointer => _base;
    public ulong Length => (ulong)Pages * MemoryType.PageSize;

    internal Memory(MemoryType type)
    {
        MaxPages = type.Limits.Max;
        _base = Libc.Reserve(Reservation);
        if (!TryCommit(type.Limits.Min))
        {
            Libc.Release(_base, Reservation);
            throw new OutOfMemoryException($"cannot allocate {type.Limits.Min} pages of linear memory");
        }
        Pages = type.Limits.Min;
    }

    /// <summary>The memory's current bytes. Valid until the next grow.</summary>
    public Span<byte> Span => new((void*)_base, checked((int)Math.Min(Length, int.MaxValue)));

    /// <summary>A view of <paramref name="length"/> bytes at <paramref name="offset"/>; throws when out of bounds.</summary>
    public Span<byte> GetSpan(ulong offset, int length)
    {
        if (length < 0 || offset + (ulong)length > Length) throw new ArgumentOutOfRangeException(nameof(offset), "out of bounds memory access");
        return new Span<byte>((byte*)_base + offset, length);
    }

    public T Read<T>(ulong offset) where T : unmanaged =>
        System.Runtime.InteropServices.MemoryMarshal.Read<T>(GetSpan(offset, sizeof(T)));

    public void Write<T>(ulong offset, T value) where T : unmanaged =>
        System.Runtime.InteropServices.MemoryMarshal.Write(GetSpan(offset, sizeof(T)), in value);

    /// <summary>Grows by <paramref name="delta"/> pages; returns the old size in pages, or -1 when it cannot.</summary>
    public int Grow(uint delta)
    {
        uint old = Pages;
        ulong target = (ulong)old + delta;
        if (target > (MaxPages ?? MemoryType.MaxPages) || target > MemoryType.MaxPages) return -1;
        if (delta == 0) return (int)old;
        if (!TryCommit((uint)target)) return -1;
        Pages = (uint)target;
        foreach (var vmctx in _users) ((VMContext*)vmctx)->MemoryLength = Length;
        return (int)old;
    }

    private bool TryCommit(uint pages)
    {
        try
        {
            Libc.Protect(_base, (nuint)((ulong)pages * MemoryType.PageSize), Libc.PROT_READ | Libc.PROT_WRITE);
            return true;
        }
        catch (OutOfMemoryException)
        {
            return false;
        }
    }

    /// <summary>Makes an instance's VM context follow this memory's base and length.</summary>
    internal void Attach(VMContext* vmctx)
    {
        vmctx->MemoryBase = (byte*)_base;
        vmctx->MemoryLength = Length;
        _users.Add((nint)vmctx);
    }

    public void Dispose()
    {
        Libc.Release(_base, Reservation);
        _base = 0;
        _users.Clear();
        GC.SuppressFinalize(this);
    }

    ~Memory() => Libc.Release(_base, Reservation);
}
