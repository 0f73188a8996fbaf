namespace WasmSharp.Text.Script;

/// <summary>A spec test script: its commands in order.</summary>
public sealed record Script(string FileName, IReadOnlyList<ScriptCommand> Commands);
