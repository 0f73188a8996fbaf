namespace WasmSharp;

/// <summary>
/// Any importable or exportable item: a <see cref="Function"/>, <see cref="Table"/>, <see cref="Memory"/> or
/// <see cref="Global"/>. A value type rather than a base class so positional instantiation and ordered exports can
/// name "an extern" without boxing, and so the four item classes stay independent.
/// </summary>
public readonly struct Extern : IEquatable<Extern>
{
    /// <summary>The item itself: one of the four classes.</summary>
    public object Item { get; }
    /// <summary>Which of the four the item is.</summary>
    public ExternKind Kind { get; }

    private Extern(object item, ExternKind kind)
    {
        Item = item;
        Kind = kind;
    }

    /// <summary>A function as an extern.</summary>
    public static implicit operator Extern(Function f) => new(f ?? throw new ArgumentNullException(nameof(f)), ExternKind.Func);
    /// <summary>A table as an extern.</summary>
    public static implicit operator Extern(Table t) => new(t ?? throw new ArgumentNullException(nameof(t)), ExternKind.Table);
    /// <summary>A memory as an extern.</summary>
    public static implicit operator Extern(Memory m) => new(m ?? throw new ArgumentNullException(nameof(m)), ExternKind.Memory);
    /// <summary>A global as an extern.</summary>
    public static implicit operator Extern(Global g) => new(g ?? throw new ArgumentNullException(nameof(g)), ExternKind.Global);

    /// <summary>Wraps an item of unknown static type; throws when it is none of the four.</summary>
    public static Extern From(object item) => item switch
    {
        Function f => f,
        Table t => t,
        Memory m => m,
        Global g => g,
        null => throw new ArgumentNullException(nameof(item)),
        _ => throw new ArgumentException($"a {item.GetType().Name} is not an extern (expected a Function, Table, Memory or Global)"),
    };

    /// <summary>The function, or null when the item is not one.</summary>
    public Function? AsFunction() => Item as Function;
    /// <summary>The table, or null when the item is not one.</summary>
    public Table? AsTable() => Item as Table;
    /// <summary>The memory, or null when the item is not one.</summary>
    public Memory? AsMemory() => Item as Memory;
    /// <summary>The global, or null when the item is not one.</summary>
    public Global? AsGlobal() => Item as Global;

    /// <summary>Whether both wrap the same item (reference equality).</summary>
    public bool Equals(Extern other) => ReferenceEquals(Item, other.Item);
    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is Extern e && Equals(e);
    /// <inheritdoc/>
    public override int GetHashCode() => Item?.GetHashCode() ?? 0;
    /// <inheritdoc/>
    public override string ToString() => $"{Kind.ToString().ToLowerInvariant()} {Item}";
}
