namespace WasmSharp;

/// <summary>Why execution trapped. The numbers are the codes generated code reports; 0 means no trap.</summary>
public enum TrapKind
{
    None = 0,
    Unreachable = 1,
    IntegerDivideByZero = 2,
    IntegerOverflow = 3,
    InvalidConversionToInteger = 4,
    OutOfBoundsMemoryAccess = 5,
    OutOfBoundsTableAccess = 6,
    IndirectCallTypeMismatch = 7,
    UninitializedElement = 8,
    UndefinedElement = 9,
    CallStackExhausted = 10,
    Interrupted = 11,
    OutOfFuel = 12,
    /// <summary>Not a Wasm trap: a host function threw; the exception is re-thrown to the caller.</summary>
    HostException = 13,
    /// <summary>Not a Wasm trap: the guest asked to exit (WASI <c>proc_exit</c>).</summary>
    Exit = 14,
}

public static class TrapKindExtensions
{
    /// <summary>The reference interpreter's message for the trap, as the spec tests name it.</summary>
    public static string Message(this TrapKind kind) => kind switch
    {
        TrapKind.Unreachable => "unreachable",
        TrapKind.IntegerDivideByZero => "integer divide by zero",
        TrapKind.IntegerOverflow => "integer overflow",
        TrapKind.InvalidConversionToInteger => "invalid conversion to integer",
        TrapKind.OutOfBoundsMemoryAccess => "out of bounds memory access",
        TrapKind.OutOfBoundsTableAccess => "out of bounds table access",
        TrapKind.IndirectCallTypeMismatch => "indirect call type mismatch",
        TrapKind.UninitializedElement => "uninitialized element",
        TrapKind.UndefinedElement => "undefined element",
        TrapKind.CallStackExhausted => "call stack exhausted",
        TrapKind.Interrupted => "interrupted",
        TrapKind.OutOfFuel => "all fuel consumed",
        TrapKind.HostException => "host function threw",
        TrapKind.Exit => "exit",
        _ => "unknown trap",
    };
}
