namespace WasmSharp.Fuzz;

/// <summary>What one exported function did on one engine: its results or trap, and the values it logged.</summary>
public sealed record CallOutcome(string Export, string Result, IReadOnlyList<string> Logs)
{
    public override string ToString() => $"{Export} -> {Result}" + (Logs.Count == 0 ? "" : $" logs [{string.Join(", ", Logs)}]");
}

/// <summary>Everything one engine observed running one module: per-call outcomes, then the final state.</summary>
public sealed record ModuleRun(string Engine, IReadOnlyList<CallOutcome> Calls, byte[] Memory, IReadOnlyList<string> Globals)
{
    /// <summary>True when the run cannot be compared: a call ran out of stack (depths differ legitimately between
    /// engines) or hit the time limit.</summary>
    public bool Inconclusive => Calls.Any(c => c.Result is Outcomes.StackExhausted or Outcomes.Interrupted);
}
