class P { static int Main() => 0; }
