using System.Runtime.InteropServices;
using WasmSharp.Runtime;

namespace WasmSharp;

/// <summary>A global: a 16-byte native cell generated code reads and writes directly. It lives as long as its
/// store: once the store is disposed, <see cref="Value"/> throws <see cref="ObjectDisposedException"/>.</summary>
public sealed unsafe class Global
{
    /// <summary>The store that owns the global.</summary>
    public Store Store { get; }
    internal byte* Cell { get; }
    /// <summary>Value type and mutability.</summary>
    public GlobalType Type { get; }

    internal Global(Store store, GlobalType type, Value initial)
    {
        Store = store;
        Type = type;
        Cell = (byte*)store.AllocateNative(VMOffsets.GlobalCellSize);
        Write(initial);
        store.Track(this);
    }

    /// <summary>The current value; setting it needs a mutable global of the same type.</summary>
    public Value Value
    {
        get
        {
            using var lease = Store.Lease();
            return Store.ReadValue(Cell, Type.ValType);
        }
        set
        {
            if (!Type.Mutable) throw new InvalidOperationException("global is immutable");
            using var lease = Store.Lease();
            Write(value);
        }
    }

    private void Write(Value v)
    {
        if (v.Type != Type.ValType) throw new ArgumentException($"expected a {Type.ValType.Name()} value, got {v.Type.Name()}");
        Store.WriteValue(Cell, v);
    }
}
