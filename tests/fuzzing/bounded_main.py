"""Run the CLI's main() in this process under hard CPU and memory limits, measured from after the imports.

    python -m tests.fuzzing.bounded_main REPORT CPU_SECONDS MEMORY_MB ARG...

RLIMIT_CPU (the kernel kills the process past it, even inside one long C call) and RLIMIT_AS are set relative to
what the imports already used, so the limits bound the command's own work. REPORT receives
`{"exit": code, "cpu": seconds, "rss_growth_mb": megabytes}` when main() returns.
"""

from __future__ import annotations

import json
import math
import resource
import sys


def _rss_bytes() -> int:
    with open("/proc/self/statm") as handle:
        return int(handle.read().split()[1]) * resource.getpagesize()


def _vm_bytes() -> int:
    with open("/proc/self/statm") as handle:
        return int(handle.read().split()[0]) * resource.getpagesize()


def main() -> int:
    report, cpu_seconds, memory_mb, *argv = sys.argv[1:]
    import principal.loader
    import principal.strategy.kpis  # noqa: F401  (the readers the commands use, imported before the budget)
    from principal.cli.app import main as principal_main

    used = resource.getrusage(resource.RUSAGE_SELF)
    before = used.ru_utime + used.ru_stime
    rss_before = _rss_bytes()
    _, hard_cpu = resource.getrlimit(resource.RLIMIT_CPU)
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    resource.setrlimit(resource.RLIMIT_CPU, (math.ceil(before + float(cpu_seconds)), hard_cpu))
    _, hard_as = resource.getrlimit(resource.RLIMIT_AS)
    resource.setrlimit(resource.RLIMIT_AS, (_vm_bytes() + int(memory_mb) * 1024 * 1024, hard_as))
    code = principal_main(argv)
    used = resource.getrusage(resource.RUSAGE_SELF)
    growth = max(0, used.ru_maxrss * 1024 - rss_before)
    with open(report, "w") as handle:
        cpu = used.ru_utime + used.ru_stime - before
        json.dump({"exit": code, "cpu": round(cpu, 3), "rss_growth_mb": round(growth / 2**20, 1)}, handle)
    return code


if __name__ == "__main__":
    sys.exit(main())
