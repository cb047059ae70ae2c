# tools/trace/tests - the selftest's cases (run them with ../selftest).
