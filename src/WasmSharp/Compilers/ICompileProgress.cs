namespace WasmSharp.Compilers;

/// <summary>
/// Told how far a compile has got, for a progress display (set <see cref="Engine.CompileProgress"/>). A compiler
/// reports every <see cref="Interval"/> functions and once at the end, never per instruction, so the hook costs
/// nothing measurable; an implementation should only store the numbers. It runs on a compiling thread, which may be
/// one of several (parallel compilation), but reports come one at a time and the count never goes down.
/// </summary>
public interface ICompileProgress
{
    /// <summary>How many functions a compiler compiles between two reports.</summary>
    const int Interval = 64;

    /// <summary><paramref name="done"/> of the module's <paramref name="total"/> defined functions are compiled.</summary>
    void Report(int done, int total);
}
