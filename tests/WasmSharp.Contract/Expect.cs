namespace WasmSharp.Contract;

/// <summary>The few assertions the contract needs, without a test framework (the suite also runs as a NativeAOT
/// console program under qemu). Each throws <see cref="ContractViolation"/>.</summary>
public static class Expect
{
    public static void Equal<T>(T expected, T actual)
    {
        if (!EqualityComparer<T>.Default.Equals(expected, actual))
            throw new ContractViolation($"expected {expected}, got {actual}");
    }

    public static void Sequence<T>(IEnumerable<T> expected, IEnumerable<T> actual)
    {
        T[] e = [.. expected], a = [.. actual];
        if (!e.SequenceEqual(a))
            throw new ContractViolation($"expected [{string.Join(", ", e)}], got [{string.Join(", ", a)}]");
    }

    public static void Contains(string expected, string actual)
    {
        if (!actual.Contains(expected, StringComparison.Ordinal))
            throw new ContractViolation($"expected text containing \"{expected}\", got \"{actual}\"");
    }

    /// <summary>Runs <paramref name="action"/> and returns the exception it throws, which must be exactly a
    /// <typeparamref name="T"/>.</summary>
    public static T Throws<T>(Action action) where T : Exception
    {
        try
        {
            action();
        }
        catch (Exception e) when (e.GetType() == typeof(T))
        {
            return (T)e;
        }
        catch (Exception e)
        {
            throw new ContractViolation($"expected {typeof(T).Name}, got {e.GetType().Name}: {e.Message}");
        }
        throw new ContractViolation($"expected {typeof(T).Name}, nothing was thrown");
    }

    public static TrapKind Trap(Action action) => Throws<TrapException>(action).Kind;
}
