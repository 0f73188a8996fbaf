namespace WasmSharp.Text.Script;

/// <summary><c>(invoke $module? "field" args...)</c> or <c>(get $module? "field")</c>. Module null = the current one.</summary>
public abstract record ScriptAction(string? Module, string Field);

/// <summary><c>(invoke ...)</c>: call <c>Field</c> with <c>Args</c>.</summary>
public sealed record InvokeAction(string? Module, string Field, ScriptValue[] Args) : ScriptAction(Module, Field);

/// <summary><c>(get ...)</c>: read the global <c>Field</c>.</summary>
public sealed record GetAction(string? Module, string Field) : ScriptAction(Module, Field);
