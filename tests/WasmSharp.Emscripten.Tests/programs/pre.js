// --pre-js for the expected outputs: the guest environment comes from EMTEST_GUEST_ENV ("K=V;K=V"), as
// WasmSharp's --env gives it. ENV exists only in programs that read the environment.
Module['preRun'] = [function () {
  if (typeof ENV === 'undefined') return;
  for (const kv of (process.env.EMTEST_GUEST_ENV || '').split(';').filter(Boolean)) {
    const eq = kv.indexOf('=');
    ENV[kv.slice(0, eq)] = kv.slice(eq + 1);
  }
}];
