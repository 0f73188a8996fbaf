using System.Buffers;
using WasmSharp.Runtime;

namespace WasmSharp;

/// <summary>A host function's body: read <paramref name="args"/>, write every entry of <paramref name="results"/>.</summary>
public delegate void HostCallback(ReadOnlySpan<Value> args, Span<Value> results);

/// <summary>
/// A .NET function made callable from Wasm. Its <see cref="VMFuncRef"/> points at the compiler's host stub, which
/// calls its dispatcher; an exception thrown here is parked on the store and re-thrown where the Wasm call
/// began — it never crosses native frames.
/// </summary>
internal sealed unsafe class HostFunction
{
    private readonly Store _store;
    public FuncType Type { get; }
    public HostCallback Callback { get; }
    public Function Function { get; }

    public HostFunction(Store store, FuncType type, HostCallback callback)
    {
        _store = store;
        Type = type;
        Callback = callback;
        var ctx = (VMContext*)store.AllocateNative(sizeof(VMContext));
        ctx->Runtime = store.Runtime;
        ctx->Handle = store.NewHandle(this);
        ctx->LibcallTable = Libcalls.Native.Table;
        var funcRef = (VMFuncRef*)store.AllocateNative(sizeof(VMFuncRef));
        funcRef->Code = store.Engine.Runner.HostFunctionCode(type);
        funcRef->Vmctx = ctx;
        funcRef->TypeId = store.Engine.TypeId(type);
        Function = new Function(store, funcRef, type);
        store.Register(Function);
    }

    /// <summary>Runs the callback on arguments in <paramref name="area"/> (see <see cref="ValueLayout"/>) and writes
    /// the results back there. Returns 0, or a <see cref="TrapKind"/> code; reached through <see cref="Libcalls.CallHost"/>.</summary>
    public int Call(byte* area)
    {
        int n = Type.Params.Length, m = Type.Results.Length;
        var buffer = ArrayPool<Value>.Shared.Rent(n + m);
        try
        {
            int offset = 0;
            for (int i = 0; i < n; i++)
            {
                buffer[i] = _store.ReadValue(area + offset, Type.Params[i]);
                offset += ValueLayout.SlotSize(Type.Params[i]);
            }
            var results = buffer.AsSpan(n, m);
            results.Clear();
            Callback(buffer.AsSpan(0, n), results);
            offset = 0;
            for (int i = 0; i < m; i++)
            {
                var v = results[i];
                if (v.Type != Type.Results[i])
                    throw new InvalidOperationException($"host function returned {v.Type.Name()} for result {i}, expected {Type.Results[i].Name()}");
                _store.WriteValue(area + offset, v);
                offset += ValueLayout.SlotSize(Type.Results[i]);
            }
            return 0;
        }
        catch (Exception e)
        {
            _store.ParkException(e);
            return (int)TrapKind.HostException;
        }
        finally
        {
            ArrayPool<Value>.Shared.Return(buffer, clearArray: true);
        }
    }
}
