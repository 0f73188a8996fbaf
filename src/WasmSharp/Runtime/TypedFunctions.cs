namespace WasmSharp;

/// <summary>.NET types that stand for Wasm value types in typed calls: int, long, float, double (and
/// <see cref="Function"/> / object for references).</summary>
internal static class TypeMap
{
    public static ValType Of<T>() =>
        typeof(T) == typeof(int) || typeof(T) == typeof(uint) ? ValType.I32 :
        typeof(T) == typeof(long) || typeof(T) == typeof(ulong) ? ValType.I64 :
        typeof(T) == typeof(float) ? ValType.F32 :
        typeof(T) == typeof(double) ? ValType.F64 :
        typeof(T) == typeof(Function) ? ValType.FuncRef :
        typeof(T) == typeof(object) ? ValType.ExternRef :
        throw new ArgumentException($"{typeof(T).Name} has no WebAssembly value type (use int, long, float, double, Function or object)");

    public static Value ToValue<T>(T v) => v switch
    {
        int i => Value.I32(i),
        uint u => Value.I32((int)u),
        long l => Value.I64(l),
        ulong ul => Value.I64((long)ul),
        float f => Value.F32(f),
        double d => Value.F64(d),
        Function fn => Value.FuncRef(fn),
        _ when typeof(T) == typeof(Function) => Value.FuncRef(null),
        _ => Value.ExternRef(v),
    };

    public static T FromValue<T>(Value v)
    {
        object? o = Of<T>() switch
        {
            ValType.I32 => typeof(T) == typeof(uint) ? (uint)v.AsInt32() : v.AsInt32(),
            ValType.I64 => typeof(T) == typeof(ulong) ? (ulong)v.AsInt64() : v.AsInt64(),
            ValType.F32 => v.AsSingle(),
            ValType.F64 => v.AsDouble(),
            _ => v.Ref,
        };
        return (T)o!;
    }

    public static void Check(Function f, string name, ValType[] ps, ValType[] rs)
    {
        var expected = new FuncType(ps, rs);
        if (!f.Type.Equals(expected)) throw new ArgumentException($"export \"{name}\" has type {f.Type}, not {expected}");
    }
}

public sealed partial class Instance
{
    private Function Typed(string name, ValType[] ps, ValType[] rs)
    {
        var f = GetFunction(name) ?? throw new KeyNotFoundException($"no exported function \"{name}\"");
        TypeMap.Check(f, name, ps, rs);
        return f;
    }

    /// <summary>A typed view of an exported function, e.g. <c>GetFunction&lt;int, int, int&gt;("add")(1, 2)</c>.</summary>
    public Func<TResult> GetFunction<TResult>(string name)
    {
        var f = Typed(name, [], [TypeMap.Of<TResult>()]);
        return () => TypeMap.FromValue<TResult>(f.Invoke()[0]);
    }

    /// <summary>The exported function <paramref name="name"/> as a typed delegate; throws when it is missing or its type differs.</summary>
    public Func<T1, TResult> GetFunction<T1, TResult>(string name)
    {
        var f = Typed(name, [TypeMap.Of<T1>()], [TypeMap.Of<TResult>()]);
        return a => TypeMap.FromValue<TResult>(f.Invoke(TypeMap.ToValue(a))[0]);
    }

    /// <summary>The exported function <paramref name="name"/> as a typed delegate; throws when it is missing or its type differs.</summary>
    public Func<T1, T2, TResult> GetFunction<T1, T2, TResult>(string name)
    {
        var f = Typed(name, [TypeMap.Of<T1>(), TypeMap.Of<T2>()], [TypeMap.Of<TResult>()]);
        return (a, b) => TypeMap.FromValue<TResult>(f.Invoke(TypeMap.ToValue(a), TypeMap.ToValue(b))[0]);
    }

    /// <summary>The exported function <paramref name="name"/> as a typed delegate; throws when it is missing or its type differs.</summary>
    public Func<T1, T2, T3, TResult> GetFunction<T1, T2, T3, TResult>(string name)
    {
        var f = Typed(name, [TypeMap.Of<T1>(), TypeMap.Of<T2>(), TypeMap.Of<T3>()], [TypeMap.Of<TResult>()]);
        return (a, b, c) => TypeMap.FromValue<TResult>(f.Invoke(TypeMap.ToValue(a), TypeMap.ToValue(b), TypeMap.ToValue(c))[0]);
    }

    /// <summary>A typed view of an exported function without results.</summary>
    public Action GetAction(string name)
    {
        var f = Typed(name, [], []);
        return () => f.Invoke();
    }

    /// <summary>The exported function <paramref name="name"/> (no results) as a typed delegate; throws when it is missing or its type differs.</summary>
    public Action<T1> GetAction<T1>(string name)
    {
        var f = Typed(name, [TypeMap.Of<T1>()], []);
        return a => f.Invoke(TypeMap.ToValue(a));
    }

    /// <summary>The exported function <paramref name="name"/> (no results) as a typed delegate; throws when it is missing or its type differs.</summary>
    public Action<T1, T2> GetAction<T1, T2>(string name)
    {
        var f = Typed(name, [TypeMap.Of<T1>(), TypeMap.Of<T2>()], []);
        return (a, b) => f.Invoke(TypeMap.ToValue(a), TypeMap.ToValue(b));
    }
}

