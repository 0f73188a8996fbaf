namespace WasmSharp;

// Instantiation from an ordered list of externs (the C API's and the JS API's way), and exports in module order.
public sealed partial class Instance
{
    /// <summary>Instantiates <paramref name="module"/> with <paramref name="imports"/> given in the order of the
    /// module's import section, applies its segments and runs its start function.</summary>
    /// <exception cref="LinkException">Too few or too many imports, one of the wrong kind or type, a function of
    /// another store, or a module of another engine.</exception>
    /// <exception cref="TrapException">A segment is out of bounds, or the start function trapped.</exception>
    public static Instance Instantiate(Store store, Module module, ReadOnlySpan<Extern> imports)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(module);
        // code and type ids belong to the module's engine; a function of another store would run on that store's state
        if (module.Engine != store.Engine) throw new LinkException("the module was compiled by another engine than the store's");
        var info = module.Info;
        if (imports.Length != info.Imports.Count)
            throw new LinkException($"the module has {info.Imports.Count} imports, {imports.Length} were given");
        var items = new object[imports.Length];
        for (int i = 0; i < items.Length; i++)
        {
            var import = info.Imports[i];
            var item = imports[i].Item ?? throw new LinkException($"import {i} (\"{import.Module}\" \"{import.Name}\") is empty");
            if (item is Function f && f.Store != store)
                throw new LinkException($"import \"{import.Module}\" \"{import.Name}\": the function belongs to another store");
            if (!ImportMatcher.Matches(info, import, item, out string why))
                throw new LinkException($"incompatible import type: \"{import.Module}\" \"{import.Name}\": {why}");
            items[i] = item;
        }
        var instance = new Instance(store, module, items);
        instance.Initialize();
        return instance;
    }

    /// <summary>The exports in the order of the module's export section, with their names.</summary>
    public IReadOnlyList<(string Name, Extern Item)> OrderedExports =>
        Module.Info.Exports.Select(e => (e.Name, Extern.From(_exports[e.Name]))).ToArray();
}
