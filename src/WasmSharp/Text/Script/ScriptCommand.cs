namespace WasmSharp.Text.Script;

/// <summary>One command of a spec test script, read from a <c>.wast</c> file or from wast2json's JSON.</summary>
public abstract record ScriptCommand(int Line);

/// <summary><c>(module $name ...)</c>: instantiate; it becomes the current module.</summary>
public sealed record ModuleCommand(int Line, string? Name, ModuleSource Module) : ScriptCommand(Line);

/// <summary><c>(register "as" $name?)</c>: make a module's exports importable under <see cref="As"/>.</summary>
public sealed record RegisterCommand(int Line, string As, string? Name) : ScriptCommand(Line);

/// <summary>A bare action: perform it, ignore the results; a trap is a failure.</summary>
public sealed record ActionCommand(int Line, ScriptAction Action) : ScriptCommand(Line);

/// <summary><c>(assert_return action expected...)</c>.</summary>
public sealed record AssertReturnCommand(int Line, ScriptAction Action, ExpectedValue[] Expected) : ScriptCommand(Line);

/// <summary><c>(assert_trap action "text")</c>.</summary>
public sealed record AssertTrapCommand(int Line, ScriptAction Action, string Text) : ScriptCommand(Line);

/// <summary><c>(assert_exhaustion action "text")</c>.</summary>
public sealed record AssertExhaustionCommand(int Line, ScriptAction Action, string Text) : ScriptCommand(Line);

/// <summary>What a module assertion expects.</summary>
public enum ModuleAssertion
{
    /// <summary><c>assert_malformed</c>.</summary>
    Malformed,
    /// <summary><c>assert_invalid</c>.</summary>
    Invalid,
    /// <summary><c>assert_unlinkable</c>.</summary>
    Unlinkable,
    /// <summary><c>assert_uninstantiable</c>.</summary>
    Uninstantiable,
}

/// <summary><c>assert_malformed</c>, <c>assert_invalid</c>, <c>assert_unlinkable</c>, and
/// <c>assert_trap</c>/<c>assert_uninstantiable</c> on a module.</summary>
public sealed record AssertModuleCommand(int Line, ModuleAssertion Assertion, ModuleSource Module, string Text) : ScriptCommand(Line);
