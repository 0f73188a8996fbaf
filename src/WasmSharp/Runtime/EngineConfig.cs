namespace WasmSharp;

/// <summary>Settings an <see cref="Engine"/> holds for everything it compiles and runs.</summary>
public sealed record EngineConfig
{
    /// <summary>The instruction set code is compiled for. Code of a foreign ISA compiles (to test and measure a back
    /// end) but is refused when called.</summary>
    public TargetIsa Target { get; init; } = TargetIsa.Host;

    /// <summary>The OS ABI code is compiled for (Linux System V or Windows x64); code for another OS compiles but is
    /// refused when called.</summary>
    public TargetOs TargetOs { get; init; } = TargetOs.Host;

    /// <summary>Which x86-64 extensions the compiler may use; meaningful only when the target is x86-64.</summary>
    public X64CpuLevel X64Cpu { get; init; } = X64CpuLevel.Auto;

    /// <summary>Stack a Wasm call may use before it traps with "call stack exhausted".</summary>
    public int MaxWasmStackBytes { get; init; } = 4 << 20; // CIL's frames of huge (MinOpts) functions run to 10+ KB: a 30 MB WASI program needed 2 MiB there; 2x headroom

    /// <summary>Find out-of-bounds memory accesses with guard pages and a signal handler instead of a compare and
    /// branch per access (each memory reserves its 4 GiB range plus 4 GiB of guard). Off: explicit checks.</summary>
    public bool SignalBasedBoundsChecks { get; init; } = true;

    /// <summary>Address space a linear memory may grow into, in bytes (at most 4 GiB; a memory with a smaller maximum
    /// reserves only what it can reach). Memories never move, so <c>memory.grow</c> past it returns -1. Null: 4 GiB,
    /// or a sixteenth of the process's <c>ulimit -v</c> when that is too small for guard pages.</summary>
    public ulong? MemoryReservation { get; init; }

    /// <summary>Inaccessible address space after each memory's reservation. Accesses are checked by guard pages only
    /// when <see cref="SignalBasedBoundsChecks"/> is on, the reservation is 4 GiB and the guard is at least 4 GiB +
    /// 64 KiB (every address + offset of 32-bit Wasm); otherwise code compares each access with the length and no
    /// guard is reserved. Null: 4 GiB + 64 KiB, or none under a small <c>ulimit -v</c>.</summary>
    public ulong? MemoryGuardSize { get; init; }

    /// <summary>Compile a module's functions on every core (<see cref="Environment.ProcessorCount"/> threads): Singlepass
    /// splits the functions into runs laid out in order, and the CIL compiler has RyuJIT compile its eager functions
    /// concurrently. The code is the same byte for byte as a one-thread compile (same layout, offsets and
    /// backtraces), and an error names the same function. Off: everything on the calling thread. Small modules are
    /// compiled on one thread either way.</summary>
    public bool ParallelCompilation { get; init; } = true;

    /// <summary>Check at every loop back-edge whether <see cref="Store.Interrupt"/> was called. Off, an interrupt
    /// is still seen at the next function entry, but a loop without calls runs on.</summary>
    public bool InterruptibleLoops { get; init; } = true;

    /// <summary>Meter execution with fuel: each basic block is charged its cost (<see cref="FuelCosts"/>) before it
    /// runs, from the store's budget (<see cref="Store.Fuel"/>, 0 in a new store), and traps with
    /// <see cref="TrapKind.OutOfFuel"/> when the budget cannot pay for it. The charge points and costs are the same
    /// for every compiler (<see cref="Compilers.MeteringPlan"/>). Off: no metering code at all.</summary>
    public bool ConsumeFuel { get; init; }

    /// <summary>The cost of each operator when <see cref="ConsumeFuel"/> is on.</summary>
    public Compilers.FuelCosts FuelCosts { get; init; } = Compilers.FuelCosts.Default;

    /// <summary>Deterministic execution, for consensus (blockchain) and replay: every float operator whose result
    /// can be NaN (arithmetic, sqrt, min/max, rounding, demote/promote; scalar and, on CIL, SIMD) yields the canonical
    /// NaN, so results are bit-identical on every compiler and ISA; and calls are limited by
    /// <see cref="MaxStackHeight"/>, counted in Wasm terms (<see cref="Compilers.StackHeightCost"/>), so "call stack
    /// exhausted" strikes at the same call depth everywhere. Off: no extra code at all.</summary>
    public bool Deterministic { get; init; }

    /// <summary>The deterministic stack budget, in Wasm values (see <see cref="Compilers.StackHeightCost"/>); used only
    /// when <see cref="Deterministic"/> is on. The native stack (<see cref="EffectiveWasmStackBytes"/>) is sized so
    /// that this budget always runs out first.</summary>
    public int MaxStackHeight { get; init; } = 64 * 1024;

    /// <summary>The Wasm features a module may use; one it uses that is off makes validation fail, naming it.</summary>
    public WasmFeatures Features { get; init; } = WasmFeatures.All;

    /// <summary>Static limits on a module's size and shape, checked at validation; none by default.</summary>
    public ModuleLimits ModuleLimits { get; init; } = ModuleLimits.None;

    /// <summary>Native stack a call may use: <see cref="MaxWasmStackBytes"/>, raised in deterministic mode to what
    /// <see cref="MaxStackHeight"/> can need, so the native check is only a backstop there.</summary>
    public int EffectiveWasmStackBytes() => Deterministic
        ? (int)Math.Min(int.MaxValue / 2, Math.Max(MaxWasmStackBytes, (long)MaxStackHeight * Compilers.StackHeightCost.NativeBytesPerUnit))
        : MaxWasmStackBytes;

    /// <summary>Every setting that changes generated code, as one string: equal keys, interchangeable code.</summary>
    public string CodeSettingsKey() =>
        $"target={EffectiveTarget()};os={EffectiveTargetOs()};cpu={X64Cpu};signals={SignalBasedBoundsChecks};reservation={MemoryReservation};" +
        $"guard={MemoryGuardSize};loops={InterruptibleLoops};" +
        $"fuel={(ConsumeFuel ? FuelCosts.Key() : "off")}" +
        (Deterministic ? $";deterministic=stack:{MaxStackHeight}" : "");

    /// <summary>The ISA in force: the setting, or the process's own.</summary>
    public TargetIsa EffectiveTarget() => Target == TargetIsa.Host ? TargetIsas.Host : Target;

    /// <summary>The OS ABI in force: the setting, or the process's own.</summary>
    public TargetOs EffectiveTargetOs() => TargetOs == TargetOs.Host ? TargetOses.Host : TargetOs;

    /// <summary>The x86-64 level asked for: the setting, else WASMSHARP_CPU (avx|sse4.2); <see cref="X64CpuLevel.Auto"/>
    /// leaves it to CPU detection.</summary>
    public X64CpuLevel RequestedX64Cpu() =>
        X64Cpu != X64CpuLevel.Auto ? X64Cpu : X64CpuLevels.Parse(Environment.GetEnvironmentVariable("WASMSHARP_CPU"), "WASMSHARP_CPU");
}
