using System.Runtime.CompilerServices;

namespace WasmSharp;

/// <summary>
/// Resolves imports by module and field name and instantiates modules. Definitions are host functions (made once
/// per store), or functions, tables, memories and globals of a store, or every export of an instance.
/// </summary>
public sealed partial class Linker
{
    private readonly Dictionary<(string Module, string Name), object> _defs = new();

    /// <summary>A host function definition and the function made for it in each store. The table is keyed weakly so
    /// that a long-lived linker does not keep the stores it instantiated into alive.</summary>
    private sealed record HostDefinition(FuncType Type, HostCallback Callback)
    {
        public readonly ConditionalWeakTable<Store, Function> PerStore = new();
    }

    /// <summary>Defines an import: a <see cref="Function"/>, <see cref="Table"/>, <see cref="Memory"/> or <see cref="Global"/>.</summary>
    public Linker Define(string module, string name, object item)
    {
        if (item is not (Function or Table or Memory or Global))
            throw new ArgumentException($"cannot define a {item.GetType().Name}: expected a Function, Table, Memory or Global");
        _defs[(module, name)] = item;
        return this;
    }

    /// <summary>Defines a host function with an untyped callback.</summary>
    public Linker DefineFunction(string module, string name, FuncType type, HostCallback callback)
    {
        _defs[(module, name)] = new HostDefinition(type, callback);
        return this;
    }

    /// <summary>Defines a typed host function, e.g. <c>DefineFunction("env", "add", (int a, int b) => a + b)</c>.</summary>
    public Linker DefineFunction<TResult>(string module, string name, Func<TResult> f) =>
        DefineFunction(module, name, new FuncType([], [TypeMap.Of<TResult>()]), (_, r) => r[0] = TypeMap.ToValue(f()));

    /// <summary>Defines a host function from a delegate; parameter and result types map to Wasm types (int, long, float, double).</summary>
    public Linker DefineFunction<T1, TResult>(string module, string name, Func<T1, TResult> f) =>
        DefineFunction(module, name, new FuncType([TypeMap.Of<T1>()], [TypeMap.Of<TResult>()]),
            (a, r) => r[0] = TypeMap.ToValue(f(TypeMap.FromValue<T1>(a[0]))));

    /// <summary>Defines a host function from a delegate; parameter and result types map to Wasm types (int, long, float, double).</summary>
    public Linker DefineFunction<T1, T2, TResult>(string module, string name, Func<T1, T2, TResult> f) =>
        DefineFunction(module, name, new FuncType([TypeMap.Of<T1>(), TypeMap.Of<T2>()], [TypeMap.Of<TResult>()]),
            (a, r) => r[0] = TypeMap.ToValue(f(TypeMap.FromValue<T1>(a[0]), TypeMap.FromValue<T2>(a[1]))));

    /// <summary>Defines a host function without results from a delegate.</summary>
    public Linker DefineAction(string module, string name, Action f) =>
        DefineFunction(module, name, new FuncType([], []), (_, _) => f());

    /// <summary>Defines a host function without results from a delegate.</summary>
    public Linker DefineAction<T1>(string module, string name, Action<T1> f) =>
        DefineFunction(module, name, new FuncType([TypeMap.Of<T1>()], []), (a, _) => f(TypeMap.FromValue<T1>(a[0])));

    /// <summary>Defines a host function without results from a delegate.</summary>
    public Linker DefineAction<T1, T2>(string module, string name, Action<T1, T2> f) =>
        DefineFunction(module, name, new FuncType([TypeMap.Of<T1>(), TypeMap.Of<T2>()], []),
            (a, _) => f(TypeMap.FromValue<T1>(a[0]), TypeMap.FromValue<T2>(a[1])));

    /// <summary>Makes every export of <paramref name="instance"/> importable under module name <paramref name="module"/>.</summary>
    public Linker DefineInstance(string module, Instance instance)
    {
        foreach (var (name, item) in instance.Exports) _defs[(module, name)] = item;
        return this;
    }

    /// <summary>Whether <paramref name="module"/>.<paramref name="name"/> has been defined.</summary>
    public bool IsDefined(string module, string name) => _defs.ContainsKey((module, name));

    /// <summary>Resolves the module's imports, creates the instance, applies its segments and runs its start function.</summary>
    /// <exception cref="LinkException">An import is missing or has the wrong type.</exception>
    /// <exception cref="TrapException">A segment is out of bounds, or the start function trapped.</exception>
    public Instance Instantiate(Store store, Module module)
    {
        using var lease = store.Lease();
        var imports = Resolve(store, module);
        var instance = new Instance(store, module, imports);
        instance.Initialize();
        return instance;
    }

    private object[] Resolve(Store store, Module module)
    {
        var info = module.Info;
        var result = new object[info.Imports.Count];
        for (int i = 0; i < result.Length; i++)
        {
            var import = info.Imports[i];
            if (!_defs.TryGetValue((import.Module, import.Name), out var def))
                throw new LinkException($"unknown import: \"{import.Module}\" \"{import.Name}\" is not defined");
            if (def is HostDefinition host)
                def = host.PerStore.GetValue(store, s => new HostFunction(s, host.Type, host.Callback).Function);
            else if (StoreOf(def) != store)
                throw new LinkException($"incompatible import: \"{import.Module}\" \"{import.Name}\" belongs to another store");
            if (!ImportMatcher.Matches(info, import, def, out string why))
                throw new LinkException($"incompatible import type: \"{import.Module}\" \"{import.Name}\": {why}");
            result[i] = def;
        }
        return result;
    }

    private static Store StoreOf(object item) => item switch
    {
        Function f => f.Store,
        Table t => t.Store,
        Memory m => m.Store,
        _ => ((Global)item).Store,
    };
}
