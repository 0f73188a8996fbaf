namespace WasmSharp.Text.Script;

/// <summary><c>(invoke $module? "field" args...)</c> or <c>(get $module? "field")</c>. Module null = the current one.</summary>
public abstract record ScriptAction(string? Module, string Field);

public sealed record InvokeAction(string? Module, string Field, ScriptValue[] Args) : ScriptAction(Module, Field);

public sealed record GetAction(string? Module, string Field) : ScriptAction(Module, Field);
