namespace WasmSharp.Contract;

/// <summary>A check of the runtime contract failed; the message says what was expected and what happened.</summary>
public sealed class ContractViolation(string message) : Exception(message);
