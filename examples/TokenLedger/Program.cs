using WasmSharp;
using WasmSharp.Singlepass;
using WasmSharp.Text;

// Runs each call of a token-ledger module with a gas budget, prints the gas it used, and commits its storage
// writes only when it succeeds: a trap (out of gas included) discards them.
var engine = new Engine(new SinglepassCompiler(), new EngineConfig { ConsumeFuel = true });
using var store = new Store(engine);
var storage = new Ledger();
var linker = new Linker()
    .DefineFunction("storage", "get", (int key) => storage.Get(key))
    .DefineAction("storage", "set", (int key, long value) => storage.Set(key, value));
var wat = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "ledger.wat"));
var instance = linker.Instantiate(store, Module.FromBytes(engine, Wat.ToBinary(wat)));

const long GasPerCall = 1_000;
const int Alice = 1, Bob = 2;

Call("mint(alice, 100)", () => instance.GetFunction("mint")!.Invoke(Value.I32(Alice), Value.I64(100)));
Call("transfer(alice, bob, 30)", () => instance.GetFunction("transfer")!.Invoke(Value.I32(Alice), Value.I32(Bob), Value.I64(30)));
Call("transfer(bob, alice, 50)", () => instance.GetFunction("transfer")!.Invoke(Value.I32(Bob), Value.I32(Alice), Value.I64(50)));
Call("spin(10)", () => instance.GetFunction("spin")!.Invoke(Value.I32(10)));
Call("spin(1000)", () => instance.GetFunction("spin")!.Invoke(Value.I32(1000)));
Call("balance_of(alice)", () => Console.WriteLine($"  alice: {instance.GetFunction("balance_of")!.Invoke(Value.I32(Alice))[0].AsInt64()}"));
Call("balance_of(bob)", () => Console.WriteLine($"  bob:   {instance.GetFunction("balance_of")!.Invoke(Value.I32(Bob))[0].AsInt64()}"));

void Call(string what, Action call)
{
    store.Fuel = GasPerCall;
    long before = store.FuelConsumed;
    storage.Begin();
    try
    {
        call();
        storage.Commit();
        Console.WriteLine($"{what,-26} ok      gas used {store.FuelConsumed - before}");
    }
    catch (TrapException t)
    {
        storage.Rollback();
        Console.WriteLine($"{what,-26} FAILED  gas used {store.FuelConsumed - before} ({t.Kind.Message()}; writes discarded)");
    }
}

/// <summary>Key-value storage with a journal: a call's writes become visible to later calls only on commit.</summary>
internal sealed class Ledger
{
    private readonly Dictionary<int, long> _committed = new();
    private readonly Dictionary<int, long> _pending = new();

    public void Begin() => _pending.Clear();

    public long Get(int key) =>
        _pending.TryGetValue(key, out var v) ? v : _committed.GetValueOrDefault(key);

    public void Set(int key, long value) => _pending[key] = value;

    public void Commit()
    {
        foreach (var (k, v) in _pending) _committed[k] = v;
        _pending.Clear();
    }

    public void Rollback() => _pending.Clear();
}
