namespace WasmSharp;

/// <summary>Why execution trapped. The numbers are the codes generated code reports; 0 means no trap.</summary>
public enum TrapKind
{
    /// <summary>No trap.</summary>
    None = 0,
    /// <summary><c>unreachable</c> executed.</summary>
    Unreachable = 1,
    /// <summary>Integer division or remainder by zero.</summary>
    IntegerDivideByZero = 2,
    /// <summary>Integer overflow (signed division of the minimum by -1).</summary>
    IntegerOverflow = 3,
    /// <summary>Float to integer conversion of NaN or out of range.</summary>
    InvalidConversionToInteger = 4,
    /// <summary>Memory access out of bounds.</summary>
    OutOfBoundsMemoryAccess = 5,
    /// <summary>Table access out of bounds.</summary>
    OutOfBoundsTableAccess = 6,
    /// <summary><c>call_indirect</c> to a function of another type.</summary>
    IndirectCallTypeMismatch = 7,
    /// <summary><c>call_indirect</c> through a null element.</summary>
    UninitializedElement = 8,
    /// <summary><c>call_indirect</c> past the table's end.</summary>
    UndefinedElement = 9,
    /// <summary>The Wasm stack is exhausted.</summary>
    CallStackExhausted = 10,
    /// <summary>Stopped by <see cref="Store.Interrupt"/>.</summary>
    Interrupted = 11,
    /// <summary>The fuel budget is spent.</summary>
    OutOfFuel = 12,
    /// <summary>Not a Wasm trap: a host function threw; the exception is re-thrown to the caller.</summary>
    HostException = 13,
    /// <summary>Not a Wasm trap: the guest asked to exit (WASI <c>proc_exit</c>).</summary>
    Exit = 14,
    /// <summary>The store's epoch deadline was reached (<see cref="Store.SetEpochDeadline"/>,
    /// <see cref="Engine.IncrementEpoch"/>): stopped like <see cref="Interrupted"/>, told apart so that a host can
    /// report a timeout.</summary>
    EpochDeadlineReached = 15,
}

/// <summary>Helpers for <see cref="TrapKind"/>.</summary>
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
        TrapKind.EpochDeadlineReached => "epoch deadline reached",
        _ => "unknown trap",
    };
}
