using System.CommandLine;

namespace WasmSharp.Cli;

/// <summary><c>run</c>'s metering options: a fuel budget for the guest, and a report of its use at exit.</summary>
internal sealed class FuelOptions
{
    public Option<long?> Fuel { get; } = new("--fuel")
    {
        Description = "Meter the guest: it may consume N units of fuel (most operators cost 1), then traps with \"all fuel consumed\" (exit 134)",
        HelpName = "N",
    };

    public Option<bool> Report { get; } = new("--fuel-report")
    {
        Description = "With --fuel: print the fuel consumed and remaining on stderr at exit",
    };

    public void AddTo(Command command)
    {
        command.Options.Add(Fuel);
        command.Options.Add(Report);
    }

    /// <summary>The budget asked for, or null when the guest runs unmetered.</summary>
    public long? Budget(ParseResult parse)
    {
        var budget = parse.GetValue(Fuel);
        if (budget < 0) throw new UsageException($"--fuel expects a non-negative number, got {budget}");
        if (budget is null && parse.GetValue(Report)) throw new UsageException("--fuel-report needs --fuel");
        return budget;
    }

    public static EngineConfig Apply(EngineConfig config, long? budget) =>
        budget is null ? config : config with { ConsumeFuel = true };

    /// <summary>A store for the guest, with the budget in it.</summary>
    public static Store CreateStore(Engine engine, long? budget)
    {
        var store = new Store(engine);
        if (budget is { } fuel) store.Fuel = fuel;
        return store;
    }

    public static void PrintReport(Store store) =>
        Console.Error.WriteLine($"fuel: consumed {store.FuelConsumed}, remaining {store.Fuel}");
}
