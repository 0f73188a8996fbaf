using WasmSharp;
using WasmSharp.Cil;
using WasmSharp.Singlepass;
using WasmSharp.Text;

// usage: singlepass-first | cil-first. Compiles a module with each compiler in that order (each compile installs its
// SIGSEGV handler), then traps out of bounds in both, interleaved, while another thread forces collections; a
// NullReferenceException of plain C# code must still be one. Prints "ok" and exits 0, or throws.
const string Source = """
    (module (memory 1)
      (func $load (param i32) (result i32) (i32.load offset=1 (local.get 0)))
      (func (export "f") (param i32) (result i32) (i32.add (call $load (local.get 0)) (i32.const 1))))
    """;
bool singlepassFirst = args is ["singlepass-first"];
if (!singlepassFirst && args is not ["cil-first"]) throw new ArgumentException("usage: singlepass-first | cil-first");
var singlepass = new Engine(new SinglepassCompiler());
var cil = new Engine(new CilCompiler());
var bytes = Wat.ToBinary(Source);
Module singlepassModule, cilModule;
if (singlepassFirst)
{
    singlepassModule = Module.FromBytes(singlepass, bytes);
    cilModule = Module.FromBytes(cil, bytes);
}
else
{
    cilModule = Module.FromBytes(cil, bytes);
    singlepassModule = Module.FromBytes(singlepass, bytes);
}
using var ss = new Store(singlepass);
using var cs = new Store(cil);
var s = new Linker().Instantiate(ss, singlepassModule).GetFunction("f")!;
var c = new Linker().Instantiate(cs, cilModule).GetFunction("f")!;
bool stop = false;
var gc = new Thread(() => { while (!Volatile.Read(ref stop)) { GC.Collect(); Thread.Sleep(1); } }) { IsBackground = true };
gc.Start();
for (int i = 0; i < 3000; i++)
{
    foreach (var f in new[] { s, c })
    {
        Expect(f, 65533 + i % 8);
        if ((int)f.Invoke(65531)[0].Bits != 1) throw new InvalidOperationException("wrong result");
    }
    try
    {
        _ = ((string?)null)!.Length;
        throw new InvalidOperationException("no NullReferenceException");
    }
    catch (NullReferenceException) { }
}
Volatile.Write(ref stop, true);
Console.WriteLine("ok");

static void Expect(Function f, int address)
{
    try { f.Invoke(address); }
    catch (TrapException e) when (e.Kind == TrapKind.OutOfBoundsMemoryAccess) { return; }
    throw new InvalidOperationException($"no trap at {address}");
}
