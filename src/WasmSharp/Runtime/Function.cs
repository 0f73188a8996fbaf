using WasmSharp.Runtime;

namespace WasmSharp;

/// <summary>A function reference: a Wasm function of some instance, or a host function. Call it with
/// <see cref="Invoke(Value[])"/> (untyped) or through a typed delegate from <c>Instance.GetFunction&lt;...&gt;</c>. Calls
/// throw <see cref="ObjectDisposedException"/> once its store is disposed.</summary>
public sealed unsafe partial class Function
{
    private FuncType? _type;

    /// <summary>The store that owns the function.</summary>
    public Store Store { get; }
    internal VMFuncRef* FuncRef { get; }

    internal Function(Store store, VMFuncRef* funcRef, FuncType? type)
    {
        Store = store;
        FuncRef = funcRef;
        _type = type;
    }

    /// <summary>The function's type (recovered from the engine's type ids when not known at creation).</summary>
    public FuncType Type => _type ??= TypeFromNative();

    private FuncType TypeFromNative()
    {
        using var lease = Store.Lease();
        return Store.Engine.TypeById(FuncRef->TypeId);
    }

    /// <summary>Calls the function: one argument per parameter, one result per result type. A trap throws <see cref="TrapException"/>.</summary>
    public Value[] Invoke(params Value[] args) => Store.Call(this, args);
    /// <summary>Calls the function with arguments in a span.</summary>
    public Value[] Invoke(ReadOnlySpan<Value> args) => Store.Call(this, args);

    /// <summary>The function's type.</summary>
    public override string ToString() => $"function {Type}";
}
