using System.Reflection.Emit;

namespace WasmSharp.Cil;

/// <summary>What every function emitter of one module shares.</summary>
internal sealed class ModuleContext(ModuleInfo module, Engine engine, int number, MethodBuilder[]? methods, Type? resultArea)
{
    public ModuleInfo Module { get; } = module;
    public Engine Engine { get; } = engine;
    /// <summary>The module's number (<see cref="Backtraces.NextModule"/>), for the frames an unwind records.</summary>
    public int Number { get; } = number;
    /// <summary>One method per defined function, for direct calls; null when functions are compiled lazily (calls
    /// then go through the instance's function references, which a function's first call patches).</summary>
    public MethodBuilder[]? Methods { get; } = methods;
    /// <summary>A value type big enough for the results of any multi-value call of the module (null if none).</summary>
    public Type? ResultArea { get; } = resultArea;
    public int ImportedFunctions => Module.ImportedFunctionCount;
    /// <summary>Records direct calls for the background compilation of an eagerly compiled module (null if none).</summary>
    public BackgroundJit? BackgroundJit { get; init; }
    /// <summary>Each defined function's <see cref="CilSiteMap"/> once it is emitted (lazily compiled ones later).</summary>
    public CilSiteMap?[] SiteMaps { get; } = new CilSiteMap?[module.Bodies.Count];

    private Validation.ValidationContext? _validation;
    /// <summary>The context deterministic mode's <see cref="Compilers.StackHeightCost"/> reads the operand heights
    /// the compiler's validation recorded in; built once, read-only afterwards, so lazy compilation threads may share it.</summary>
    public Validation.ValidationContext Validation => _validation ??= WasmSharp.Validation.ModuleValidator.ValidateDeclarations(Module);
}
