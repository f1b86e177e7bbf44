"""The `principal` command line: parse, call one engine function, render, set the exit code."""
