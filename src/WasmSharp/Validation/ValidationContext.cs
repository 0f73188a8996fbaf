namespace WasmSharp.Validation;

/// <summary>
/// What function bodies are checked against (the spec's context C): the module plus the set of function
/// indices that may be referenced by <c>ref.func</c>.
/// </summary>
public sealed class ValidationContext
{
    /// <summary>The module being validated.</summary>
    public ModuleInfo Module { get; }
    /// <summary>C.refs: functions referenced outside function bodies (elements, exports, global initializers).</summary>
    public HashSet<uint> DeclaredRefs { get; } = new();

    /// <summary>A context for <paramref name="module"/>.</summary>
    public ValidationContext(ModuleInfo module) => Module = module;
}
