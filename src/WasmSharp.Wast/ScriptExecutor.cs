using WasmSharp.Text.Script;

namespace WasmSharp.Wast;

/// <summary>
/// Executes a script's commands on a real engine: instantiates modules (with <c>spectest</c> and registered
/// modules importable), performs actions and checks results, traps, exhaustion, link and instantiation failures.
/// One executor per script: each script starts with only <c>spectest</c> registered.
/// </summary>
public sealed class ScriptExecutor : IDisposable
{
    private readonly Engine _engine;
    private readonly Store _store;
    private readonly Linker _linker = new();
    private readonly Dictionary<string, Instance> _named = new(StringComparer.Ordinal);
    private Instance? _current;

    private readonly bool _roundTrip;

    /// <param name="roundTripArtifacts">Every module goes through <see cref="Module.Serialize"/> and
    /// <see cref="Module.DeserializeTrusted"/> before it is instantiated, so the suite runs loaded code.</param>
    public ScriptExecutor(Engine engine, bool roundTripArtifacts = false)
    {
        _engine = engine;
        _roundTrip = roundTripArtifacts;
        _store = new Store(engine);
        // a metered engine runs the script with a budget no script exhausts (its loops end, its recursion runs out
        // of stack first); what it consumed is then the script's fuel figure
        if (engine.Config.ConsumeFuel) _store.Fuel = Budget;
        SpecTestHost.Define(_linker, _store);
    }

    private const long Budget = 1L << 60;

    /// <summary>Fuel the script's code consumed so far; null when the engine does not meter.</summary>
    public long? FuelConsumed => _engine.Config.ConsumeFuel ? _store.FuelConsumed : null;

    public Instance Instantiate(byte[] bytes, string? name)
    {
        var module = Load(bytes, name);
        var instance = _linker.Instantiate(_store, module);
        _current = instance;
        if (name is not null) _named[name] = instance;
        return instance;
    }

    /// <summary>Links and instantiates without making the result current (assert_unlinkable/uninstantiable).</summary>
    public void InstantiateOnly(byte[] bytes)
    {
        var module = Load(bytes, null);
        _linker.Instantiate(_store, module);
    }

    private Module Load(byte[] bytes, string? name)
    {
        var module = Module.FromBytes(_engine, bytes, name);
        if (!_roundTrip) return module;
        using (module) return Module.DeserializeTrusted(_engine, module.Serialize(), name);
    }

    public void Register(string asName, string? name)
    {
        var instance = Resolve(name);
        _linker.DefineInstance(asName, instance);
    }

    private Instance Resolve(string? name)
    {
        if (name is null) return _current ?? throw new InvalidOperationException("no current module");
        return _named.TryGetValue(name, out var i) ? i : throw new InvalidOperationException($"unknown module {name}");
    }

    /// <summary>Performs an action; traps propagate as <see cref="TrapException"/>.</summary>
    public Value[] Perform(ScriptAction action)
    {
        var instance = Resolve(action.Module);
        switch (action)
        {
            case InvokeAction invoke:
                var f = instance.GetFunction(invoke.Field) ?? throw new InvalidOperationException($"no exported function \"{invoke.Field}\"");
                return f.Invoke(invoke.Args.Select(ToValue).ToArray());
            case GetAction get:
                var g = instance.GetGlobal(get.Field) ?? throw new InvalidOperationException($"no exported global \"{get.Field}\"");
                return [g.Value];
            default:
                throw new InvalidOperationException($"unknown action {action}");
        }
    }

    private Value ToValue(ScriptValue v) => v.Type switch
    {
        ValType.V128 => Value.V128(v.Lo, v.Hi),
        ValType.ExternRef => Value.ExternRef(v.IsNull ? null : new HostRef(v.Lo)),
        ValType.FuncRef => v.IsNull ? Value.FuncRef(null) : throw new InvalidOperationException("non-null funcref argument"),
        _ => new Value(v.Type, v.Lo),
    };

    public void Dispose() => _store.Dispose();
}

/// <summary>The host reference <c>ref.extern N</c>: equal when the numbers are equal.</summary>
public sealed record HostRef(ulong Number);
