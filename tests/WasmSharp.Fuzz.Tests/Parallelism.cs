// The engines under test are shared by every test class (Engines.List), and each keeps the log of the call it is
// running: two classes running at once would mix their modules' logged values. One test at a time.
[assembly: Xunit.CollectionBehavior(DisableTestParallelization = true)]
