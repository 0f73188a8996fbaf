using System.Runtime.InteropServices;
using WasmSharp.Runtime;

namespace WasmSharp;

/// <summary>A global: a 16-byte native cell generated code reads and writes directly.</summary>
public sealed unsafe class Global
{
    private readonly Store _store;
    internal byte* Cell { get; }
    public GlobalType Type { get; }

    internal Global(Store store, GlobalType type, Value initial)
    {
        _store = store;
        Type = type;
        Cell = (byte*)store.AllocateNative(VMOffsets.GlobalCellSize);
        Write(initial);
    }

    public Value Value
    {
        get => _store.ReadValue(Cell, Type.ValType);
        set
        {
            if (!Type.Mutable) throw new InvalidOperationException("global is immutable");
            Write(value);
        }
    }

    private void Write(Value v)
    {
        if (v.Type != Type.ValType) throw new ArgumentException($"expected a {Type.ValType.Name()} value, got {v.Type.Name()}");
        _store.WriteValue(Cell, v);
    }
}
