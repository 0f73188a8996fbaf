using System.Collections.Concurrent;
using System.Diagnostics;
using WasmSharp.Compilers;
using WasmSharp.Runtime;

namespace WasmSharp.Cil;

/// <summary>
/// Wasm backtraces of the last trap: the frames an unwind recorded (<see cref="StackUnwind"/>), or the .NET stack
/// trace of a trap exception, where frames of methods of a module's dynamic assembly name the function
/// (<c>f{index}</c>, in type <c>Functions</c>, or <c>F{index}</c> when compiled lazily).
/// </summary>
internal static unsafe class Backtraces
{
    /// <summary>Traps report at most this many frames (exhaustion leaves thousands).</summary>
    private const int MaxFrames = 100;

    private const string AssemblyPrefix = "WasmSharp.Cil.Module";

    private static readonly ConcurrentDictionary<int, WeakReference<CilCode>> Modules = new();
    private static int _nextModule;

    [ThreadStatic] private static nint _lastRuntime;
    [ThreadStatic] private static Exception? _lastTrap;
    [ThreadStatic] private static bool _lastUnwound;

    /// <summary>A number for the next module: generated code passes it to <see cref="StackUnwind.Begin"/>.</summary>
    public static int NextModule() => Interlocked.Increment(ref _nextModule);

    /// <summary>The name of module <paramref name="module"/>'s dynamic assembly.</summary>
    public static string AssemblyName(int module) => AssemblyPrefix + module;

    public static void Register(int module, CilCode code) => Modules[module] = new WeakReference<CilCode>(code);

    public static void Unregister(int module) => Modules.TryRemove(module, out _);

    /// <summary>A trap raised as <paramref name="e"/>: a <see cref="TrapException"/>, or the exception of a guard-page
    /// fault; its .NET stack trace gives the frames.</summary>
    public static void Record(RuntimeState* runtime, Exception e)
    {
        _lastRuntime = (nint)runtime;
        _lastTrap = e;
        _lastUnwound = false;
    }

    /// <summary>The last trap unwound by returning: its frames are in the runtime state.</summary>
    public static void RecordUnwind(RuntimeState* runtime)
    {
        _lastRuntime = (nint)runtime;
        _lastTrap = null;
        _lastUnwound = true;
    }

    public static void Clear()
    {
        _lastTrap = null;
        _lastUnwound = false;
    }

    public static IReadOnlyList<CodeFrame> Of(RuntimeState* runtime)
    {
        if (_lastRuntime != (nint)runtime) return [];
        if (_lastUnwound)
        {
            _lastUnwound = false;
            return Unwound(runtime);
        }
        if (_lastTrap is not { } trap) return [];
        _lastTrap = null;
        var frames = new List<CodeFrame>();
        System.Reflection.MethodBase? previous = null;
        foreach (var frame in new StackTrace(trap, false).GetFrames())
        {
            if (frames.Count == MaxFrames) break;
            var method = frame.GetMethod();
            if (Resolve(method) is not { } f) continue;
            // a guard or lazy stub shows up beside its function's body (another method): one frame per call;
            // recursion repeats the same method
            bool wrapper = frames.Count > 0 && frames[^1].Code == f.Item1 && frames[^1].DefinedIndex == f.Item2 && method != previous;
            previous = method;
            if (wrapper) continue;
            int offset = WasmOffset(f.Item1, f.Item2, method!, frame);
            // the innermost frame of a guard-page fault: its access, if the function has only one
            if (offset == -1 && frames.Count == 0 && trap is NullReferenceException && f.Item1 is CilCode c
                && c.SiteMap(f.Item2) is { } map && map.IsBody(method!)) offset = map.SoleFaultingAccess;
            frames.Add(new CodeFrame(f.Item1, f.Item2, offset));
        }
        return frames;
    }

    private static List<CodeFrame> Unwound(RuntimeState* runtime)
    {
        var frames = new List<CodeFrame>();
        foreach (var (module, index, offset) in StackUnwind.Frames(runtime))
            if (Modules.TryGetValue(module, out var weak) && weak.TryGetTarget(out var code)) frames.Add(new CodeFrame(code, index, offset));
        return frames;
    }

    /// <summary>The frame's Wasm offset from its IL offset, when the frame is the function's body (not a guard or
    /// lazy stub wrapping it) and the IL offset names one site (see <see cref="CilSiteMap"/>); else -1.</summary>
    private static int WasmOffset(CompiledCode code, int definedIndex, System.Reflection.MethodBase method, StackFrame frame) =>
        code is CilCode cil && cil.SiteMap(definedIndex) is { } map && map.IsBody(method) ? map.WasmOffset(frame.GetILOffset()) : -1;

    private static (CompiledCode, int)? Resolve(System.Reflection.MethodBase? method)
    {
        var type = method?.DeclaringType;
        if (type is null || type.Assembly.GetName().Name is not { } asm || !asm.StartsWith(AssemblyPrefix, StringComparison.Ordinal)
            || !int.TryParse(asm.AsSpan(AssemblyPrefix.Length), out int module)
            || !Modules.TryGetValue(module, out var weak) || !weak.TryGetTarget(out var code)) return null;
        string name = type.Name == "Functions" ? method!.Name : type.Name.ToLowerInvariant();
        if (name.EndsWith("_body", StringComparison.Ordinal)) name = name[..^5];
        return int.TryParse(name.AsSpan(1), out int index) ? (code, index) : null;
    }
}
