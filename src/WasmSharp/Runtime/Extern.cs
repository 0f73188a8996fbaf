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
    public ExternKind Kind { get; }

    private Extern(object item, ExternKind kind)
    {
        Item = item;
        Kind = kind;
    }

    public static implicit operator Extern(Function f) => new(f ?? throw new ArgumentNullException(nameof(f)), ExternKind.Func);
    public static implicit operator Extern(Table t) => new(t ?? throw new ArgumentNullException(nameof(t)), ExternKind.Table);
    public static implicit operator Extern(Memory m) => new(m ?? throw new ArgumentNullException(nameof(m)), ExternKind.Memory);
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

    public Function? AsFunction() => Item as Function;
    public Table? AsTable() => Item as Table;
    public Memory? AsMemory() => Item as Memory;
    public Global? AsGlobal() => Item as Global;

    public bool Equals(Extern other) => ReferenceEquals(Item, other.Item);
    public override bool Equals(object? obj) => obj is Extern e && Equals(e);
    public override int GetHashCode() => Item?.GetHashCode() ?? 0;
    public override string ToString() => $"{Kind.ToString().ToLowerInvariant()} {Item}";
}
