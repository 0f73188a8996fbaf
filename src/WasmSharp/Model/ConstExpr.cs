namespace WasmSharp;

/// <summary>
/// A constant expression (global initializer, segment offset, element item) as a range of the module's bytes,
/// ending with <c>end</c>. It is validated with the module; the runtime evaluates it at instantiation.
/// </summary>
public readonly record struct ConstExpr(int Offset, int Length);
