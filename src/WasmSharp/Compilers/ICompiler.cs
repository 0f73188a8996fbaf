using WasmSharp.Runtime;

namespace WasmSharp.Compilers;

/// <summary>
/// A compiler turns a validated module into code. Running that code is the job of its <see cref="ICodeRunner"/>,
/// a separate object so that code can one day run without a compiler (precompiled artifacts). Compilers share the
/// runtime's native structures (<see cref="VMContext"/>, <see cref="VMFuncRef"/>, tables, globals, memories), so
/// instances, tables and the public API do not care which compiler produced the code.
/// </summary>
public interface ICompiler
{
    /// <summary>The compiler's name as the CLI and artifacts spell it (<c>singlepass</c>, <c>cil</c>).</summary>
    string Name { get; }

    /// <summary>Validates (in the same walk, where the compiler can) and compiles every function of the module.</summary>
    CompiledCode Compile(ModuleInfo module, Engine engine);

    /// <summary>The runner for code this compiler produces under <paramref name="config"/>; an engine asks once.</summary>
    ICodeRunner CreateRunner(EngineConfig config);
}

/// <summary>
/// The half of a back end that runs compiled code: entering it from .NET, letting it call host functions, and
/// reporting the Wasm frames of a trap.
/// </summary>
public interface ICodeRunner
{
    /// <summary>Code address to put in a <see cref="VMFuncRef"/> of a host function of this type, so that compiled
    /// code can call it like any function. Its context is the host function's <see cref="VMContext"/>.</summary>
    nint HostFunctionCode(FuncType type);

    /// <summary>
    /// Calls <paramref name="func"/> with arguments in <paramref name="area"/> (laid out by <see cref="ValueLayout"/>)
    /// and leaves the results there. Returns <see cref="TrapKind.None"/>, or the trap that ended the call, with the
    /// trap's frame and code address recorded in the store's <see cref="RuntimeState"/>.
    /// </summary>
    unsafe TrapKind Invoke(VMFuncRef* func, FuncType type, ulong* area, RuntimeState* runtime);

    /// <summary>Wasm frames active at the last trap of <paramref name="runtime"/>, innermost first.</summary>
    unsafe IReadOnlyList<CodeFrame> Backtrace(RuntimeState* runtime) => [];
}

/// <summary>The compiled code of one module.</summary>
public abstract class CompiledCode : IDisposable
{
    /// <summary>Code address of defined function <paramref name="definedIndex"/> (imports not counted).</summary>
    public abstract nint FunctionCode(int definedIndex);

    /// <summary>Size of the generated code in bytes, for reporting.</summary>
    public abstract long CodeSize { get; }

    /// <summary>Frees the code (an executable mapping, a collectible assembly); instances using it must be gone.</summary>
    public virtual void Dispose() => GC.SuppressFinalize(this);
}
