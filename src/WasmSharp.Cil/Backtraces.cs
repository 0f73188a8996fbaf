using System.Collections.Concurrent;
using System.Diagnostics;
using WasmSharp.Compilers;
using WasmSharp.Runtime;

namespace WasmSharp.Cil;

/// <summary>
/// Wasm backtraces from the .NET stack trace of the last trap: frames of methods of a module's dynamic assembly
/// name the function (<c>f{index}</c>, in type <c>Functions</c>, or <c>F{index}</c> when compiled lazily).
/// </summary>
internal static unsafe class Backtraces
{
    /// <summary>Traps report at most this many frames (exhaustion leaves thousands).</summary>
    private const int MaxFrames = 100;

    private static readonly ConcurrentDictionary<string, WeakReference<CilCode>> Modules = new(StringComparer.Ordinal);
    private static int _nextModule;

    [ThreadStatic] private static nint _lastRuntime;
    [ThreadStatic] private static TrapException? _lastTrap;

    /// <summary>A unique name for the next module's dynamic assembly.</summary>
    public static string NextAssemblyName() => "WasmSharp.Cil.Module" + Interlocked.Increment(ref _nextModule);

    public static void Register(string assemblyName, CilCode code) => Modules[assemblyName] = new WeakReference<CilCode>(code);

    public static void Unregister(string assemblyName) => Modules.TryRemove(assemblyName, out _);

    public static void Record(RuntimeState* runtime, TrapException e)
    {
        _lastRuntime = (nint)runtime;
        _lastTrap = e;
    }

    public static void Clear() => _lastTrap = null;

    public static IReadOnlyList<(CompiledCode Code, int DefinedIndex)> Of(RuntimeState* runtime)
    {
        if (_lastRuntime != (nint)runtime || _lastTrap is not { } trap) return [];
        _lastTrap = null;
        var frames = new List<(CompiledCode, int)>();
        foreach (var frame in new StackTrace(trap, false).GetFrames())
        {
            if (frames.Count == MaxFrames) break;
            if (Resolve(frame) is not { } f) continue;
            // guards and lazy stubs show up beside the function's body: one frame per call
            if (frames.Count > 0 && frames[^1] == f) continue;
            frames.Add(f);
        }
        return frames;
    }

    private static (CompiledCode, int)? Resolve(StackFrame frame)
    {
        var method = frame.GetMethod();
        var type = method?.DeclaringType;
        if (type is null || type.Assembly.GetName().Name is not { } asm || !Modules.TryGetValue(asm, out var weak)
            || !weak.TryGetTarget(out var code)) return null;
        string name = type.Name == "Functions" ? method!.Name : type.Name.ToLowerInvariant();
        if (name.EndsWith("_body", StringComparison.Ordinal)) name = name[..^5];
        return int.TryParse(name.AsSpan(1), out int index) ? (code, index) : null;
    }
}
