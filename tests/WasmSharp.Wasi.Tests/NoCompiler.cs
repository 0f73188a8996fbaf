using WasmSharp.Compilers;
using WasmSharp.Runtime;

namespace WasmSharp.Wasi.Tests;

/// <summary>A compiler that compiles nothing: enough for a <see cref="Store"/> that only holds memories, which is
/// all the direct tests of the WASI functions need.</summary>
internal sealed class NoCompiler : ICompiler, ICodeRunner
{
    public string Name => "none";
    public CompiledCode Compile(ModuleInfo module, Engine engine) => throw new NotSupportedException("no compiler in these tests");
    public ICodeRunner CreateRunner(EngineConfig config) => this;
    public nint HostFunctionCode(FuncType type) => 0;
    public unsafe TrapKind Invoke(VMFuncRef* func, FuncType type, ulong* area, RuntimeState* runtime) =>
        throw new NotSupportedException("no compiler in these tests");
}
