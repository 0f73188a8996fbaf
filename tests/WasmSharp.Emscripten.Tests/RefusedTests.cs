namespace WasmSharp.Emscripten.Tests;

/// <summary>What WasmSharp cannot run fails with a message that says why, naming the import or the emcc flags.</summary>
public sealed class RefusedTests
{
    /// <summary>Runs a module given as WAT text with <c>wasmsharp run</c>.</summary>
    private static WasmSharpCommand.Result RunWat(string text)
    {
        string path = Path.Combine(Path.GetTempPath(), $"wasmsharp-em-{Guid.NewGuid():N}.wat");
        File.WriteAllText(path, text);
        try
        {
            return WasmSharpCommand.Run(null, "run", path);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Minified_imports_name_the_flags_that_avoid_them()
    {
        var r = WasmSharpCommand.Run(null, "run", Path.Combine(TestCase.Root, "wasm", "refused", "minified.wasm"));
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("minified import names", r.Stderr);
        Assert.Contains("-O2 or lower", r.Stderr);
        Assert.Contains("-sSTANDALONE_WASM", r.Stderr);
        Assert.DoesNotContain("   at ", r.Stderr);
    }

    public static TheoryData<string, string> Modules() => new()
    {
        // an import emcc's runtime may ask for that WasmSharp does not implement is named
        {
            """
            (module
              (import "env" "emscripten_memcpy_big" (func (param i32 i32 i32) (result i32)))
              (import "env" "emscripten_webgl_create_context" (func (param i32 i32) (result i32)))
              (memory (export "memory") 1)
              (func (export "main") (param i32 i32) (result i32) (i32.const 0)))
            """,
            "\"env\" \"emscripten_webgl_create_context\" is not implemented"
        },
        // an import of the wrong type is named with its type
        {
            """
            (module
              (import "env" "emscripten_resize_heap" (func (param i64) (result i32)))
              (memory (export "memory") 1)
              (func (export "main") (param i32 i32) (result i32) (i32.const 0)))
            """,
            "\"env\" \"emscripten_resize_heap\" has type (func (param i64) (result i32))"
        },
        // a module with nothing to run says how to build one
        {
            """
            (module
              (import "env" "setTempRet0" (func (param i32)))
              (memory (export "memory") 1))
            """,
            "exports neither \"main\" nor \"_start\""
        },
    };

    [Theory]
    [MemberData(nameof(Modules))]
    public void Fails_with_a_message_that_says_why(string wat, string message)
    {
        var r = RunWat(wat);
        Assert.Equal(1, r.ExitCode);
        Assert.Contains(message, r.Stderr);
        Assert.DoesNotContain("   at ", r.Stderr);
    }
}
