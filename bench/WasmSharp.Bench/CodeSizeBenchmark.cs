using Iced.Intel;
using WasmSharp.Binary;
using Instruction = WasmSharp.Binary.Instruction;
using WasmSharp.Singlepass;

namespace WasmSharp.Bench;

/// <summary>Singlepass code density per target: machine-code bytes per byte of code section and machine instructions
/// per Wasm operator (AArch64: 4-byte words; x86-64: decoded with Iced). Compiles only, so AArch64 is measured on any
/// host.</summary>
internal static class CodeSizeBenchmark
{
    public static int Run(string[] files)
    {
        if (files.Length == 0) throw new ArgumentException("codesize needs .wasm files");
        Console.WriteLine("| module | Wasm operators | target | code bytes | bytes / Wasm byte | instructions | instructions / operator |");
        Console.WriteLine("| --- | ---: | --- | ---: | ---: | ---: | ---: |");
        foreach (var path in files)
        {
            var bytes = File.ReadAllBytes(path);
            foreach (var (name, config) in CompileBenchmark.Targets)
            {
                using var module = Module.FromBytes(new Engine(new SinglepassCompiler(), config), bytes);
                long operators = Operators(module.Info);
                long size = module.Code.CodeSize;
                long instructions = config.Target == TargetIsa.Arm64 ? size / 4 : X64Instructions(module);
                Console.WriteLine($"| {Path.GetFileName(path)} | {operators} | {name} | {size} | {(double)size / module.Info.CodeSectionSize:F2} | {instructions} | {(double)instructions / operators:F2} |");
            }
        }
        return 0;
    }

    private static long Operators(ModuleInfo m)
    {
        long count = 0;
        var ins = new Instruction();
        foreach (var body in m.Bodies)
        {
            ValType[] locals = [];
            LocalsReader.Read(m.Bytes.AsSpan(body.Offset, body.Length), body.Offset, [], ref locals, out int codeOffset);
            var reader = new OperatorReader(m.Bytes.AsSpan(codeOffset, body.Offset + body.Length - codeOffset), codeOffset);
            while (!reader.AtEnd)
            {
                reader.Read(ref ins);
                count++;
            }
        }
        return count;
    }

    /// <summary>The module's code is one block starting at its first function (x86-64 pads between functions with
    /// int3/nop, which count as instructions too).</summary>
    private static long X64Instructions(Module module)
    {
        if (module.Info.Bodies.Count == 0) return 0;
        var code = new byte[module.Code.CodeSize];
        System.Runtime.InteropServices.Marshal.Copy(module.Code.FunctionCode(0), code, 0, code.Length);
        var decoder = Decoder.Create(64, new ByteArrayCodeReader(code));
        long count = 0;
        while (decoder.IP < (ulong)code.Length)
        {
            decoder.Decode();
            count++;
        }
        return count;
    }
}
