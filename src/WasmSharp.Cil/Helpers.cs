using System.Collections.Concurrent;
using System.Reflection;

namespace WasmSharp.Cil;

/// <summary>Looks up (and caches) the public static helpers generated code calls.</summary>
internal static class Helpers
{
    private static readonly ConcurrentDictionary<(Type, string), MethodInfo?> Cache = new();

    public static MethodInfo Get(Type type, string name) =>
        Find(type, name) ?? throw new InvalidOperationException($"no helper {type.Name}.{name}");

    public static MethodInfo? Find(Type type, string name) =>
        Cache.GetOrAdd((type, name), k => k.Item1.GetMethod(k.Item2, BindingFlags.Public | BindingFlags.Static));
}
