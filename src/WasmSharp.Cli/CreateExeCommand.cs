using System.CommandLine;

namespace WasmSharp.Cli;

/// <summary>
/// <c>wasmsharp create-exe FILE -o app [--dir ...] [--mapdir ...] [--env ...] [--cpu ...]</c>: one native executable
/// that runs the module like <c>wasmsharp run</c>, with no .NET and no compiling at start. It is this NativeAOT
/// binary with the compiled module appended (see <see cref="EmbeddedApp"/>): no SDK or C compiler needed. FILE may
/// be a module (compiled here) or an artifact from <c>compile</c> (embedded as it is, once it is known to load).
/// </summary>
internal static class CreateExeCommand
{
    public static Command Create()
    {
        var file = new Argument<FileInfo>("file") { Description = "WebAssembly module (.wasm or .wat), or an artifact from 'wasmsharp compile'" };
        var output = new Option<FileInfo>("--output", "-o") { Description = "executable to write", Required = true };
        var dirs = new Option<string[]>("--dir") { Description = "bake in: pre-open a host directory (DIR, or HOST::GUEST)" };
        var mapdirs = new Option<string[]>("--mapdir") { Description = "bake in: pre-open host directory HOST as GUEST (GUEST::HOST)" };
        var envs = new Option<string[]>("--env") { Description = "bake in: an environment variable (KEY=VALUE)" };
        var cpu = new Option<string?>("--cpu") { Description = "x86-64 code path: avx or sse4.2 (default: this CPU's); sse4.2 runs on more machines" };
        var cmd = new Command("create-exe", "Make a native executable that runs a module without .NET or compiling (needs the NativeAOT wasmsharp)")
        {
            file, output, dirs, mapdirs, envs, cpu,
        };
        cmd.SetAction(parse =>
        {
            var input = parse.GetValue(file)!;
            try
            {
                string self = NativeSelf();
                var baked = new List<string>();
                foreach (var d in parse.GetValue(dirs) ?? []) baked.AddRange(["--dir", d]);
                foreach (var m in parse.GetValue(mapdirs) ?? []) baked.AddRange(["--mapdir", m]);
                foreach (var e in parse.GetValue(envs) ?? []) baked.AddRange(["--env", e]);
                var config = new EngineConfig();
                if (parse.GetValue(cpu) is { } level)
                {
                    config = config with { X64Cpu = ParseCpu(level) };
                    baked.AddRange(["--cpu", level]);
                }
                byte[] artifact;
                if (ModuleLoader.IsArtifact(input)) artifact = CheckedArtifact(input, config, baked, parse.GetValue(cpu) is not null);
                else
                {
                    using var module = Module.FromBytes(new Engine(new Singlepass.SinglepassCompiler(), config), ModuleFiles.Read(input.FullName), input.Name);
                    artifact = module.Serialize();
                }
                EmbeddedApp.Write(self, parse.GetValue(output)!.FullName, [.. baked], artifact);
                return ExitCodes.Success;
            }
            catch (Exception e)
            {
                return Failures.Report(e, input.Name);
            }
        });
        return cmd;
    }

    /// <summary>An artifact, once it loads into the engine the executable will have (same build, ISA, settings): its
    /// CPU level is baked in unless --cpu names one, so an SSE4.2 artifact makes an SSE4.2 executable.</summary>
    private static byte[] CheckedArtifact(FileInfo input, EngineConfig config, List<string> baked, bool cpuGiven)
    {
        var bytes = File.ReadAllBytes(input.FullName);
        var target = Artifacts.ArtifactFormat.Read(bytes).Header.Target.Target;
        if (!cpuGiven && target.Split('+') is ["x86_64", var level])
        {
            config = config with { X64Cpu = ParseCpu(level) };
            baked.AddRange(["--cpu", level]);
        }
        Module.DeserializeTrusted(new Engine(new Singlepass.SinglepassCompiler(), config), bytes, input.Name).Dispose();
        return bytes;
    }

    private static X64CpuLevel ParseCpu(string level)
    {
        try { return X64CpuLevels.Parse(level, "--cpu"); }
        catch (ArgumentException e) { throw new UsageException(e.Message); }
    }

    /// <summary>The running binary, which must be the NativeAOT build: a JIT build needs .NET to run.</summary>
    private static string NativeSelf()
    {
        if (System.Runtime.CompilerServices.RuntimeFeature.IsDynamicCodeSupported || Environment.ProcessPath is not { } self)
            throw new UsageException("create-exe needs the NativeAOT build of wasmsharp (dotnet publish src/WasmSharp.Cli -r linux-x64 -p:PublishAot=true): this build needs .NET to run");
        return self;
    }
}
