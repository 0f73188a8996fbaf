namespace WasmSharp.Emscripten.Tests;

/// <summary>What WasmSharp cannot run fails with a message that says why, naming the import or the emcc flags.</summary>
public sealed class RefusedTests
{
    private static string Wat(string text)
    {
        string path = Path.Combine(Path.GetTempPath(), $"wasmsharp-em-{Guid.NewGuid():N}.wat");
        File.WriteAllText(path, text);
        return path;
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

    [Fact]
    public void An_unsupported_import_is_named()
    {
        string path = Wat("""
            (module
              (import "env" "emscripten_memcpy_big" (func (param i32 i32 i32) (result i32)))
              (import "env" "emscripten_webgl_create_context" (func (param i32 i32) (result i32)))
              (memory (export "memory") 1)
              (func (export "main") (param i32 i32) (result i32) (i32.const 0)))
            """);
        var r = WasmSharpCommand.Run(null, "run", path);
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("\"env\" \"emscripten_webgl_create_context\" is not implemented", r.Stderr);
    }

    [Fact]
    public void An_import_of_the_wrong_type_is_named_with_both_types()
    {
        string path = Wat("""
            (module
              (import "env" "emscripten_resize_heap" (func (param i64) (result i32)))
              (memory (export "memory") 1)
              (func (export "main") (param i32 i32) (result i32) (i32.const 0)))
            """);
        var r = WasmSharpCommand.Run(null, "run", path);
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("\"env\" \"emscripten_resize_heap\" has type (func (param i64) (result i32))", r.Stderr);
    }

    [Fact]
    public void A_module_without_main_says_how_to_build_it()
    {
        string path = Wat("""
            (module
              (import "env" "setTempRet0" (func (param i32)))
              (memory (export "memory") 1))
            """);
        var r = WasmSharpCommand.Run(null, "run", path);
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("exports neither \"main\" nor \"_start\"", r.Stderr);
    }
}
