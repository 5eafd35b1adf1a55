"""The report of the load test (make load): page statistics of the
sessions' samples, what the server's access log tells (how busy the HTTP
workers were, the query count of each page), the targets, bench/load.json
and the printed table."""

import datetime
import json
import os
import re
import statistics

from table import print_table

HERE = os.path.dirname(os.path.abspath(__file__))


ACCESS_LINE = re.compile(
    r"^(\S+ \S+) \d+ INFO \S+ werkzeug: .*\"(?:GET|POST) (\S+) HTTP/[\d.]+\" "
    r"\d+ - (\d+) ([\d.]+) ([\d.]+)"
)


def server_side(log, phases_of, workers, seconds):
    """From the server's access log: per phase, how busy the HTTP workers
    were (server time of the requests / (workers x seconds): near 1, the
    requests queue and latency is mostly waiting), and the median query
    count of each page."""
    phases = {phase: [0.0, 0] for phase in phases_of}
    queries = {}
    with open(log, encoding="utf-8", errors="replace") as handle:
        for line in handle:
            match = ACCESS_LINE.match(line)
            if not match:
                continue
            stamp, path, count, sql_s, other_s = match.groups()
            # the log's local time, as time.time() of the phases
            moment = datetime.datetime.strptime(
                stamp, "%Y-%m-%d %H:%M:%S,%f"
            ).timestamp()
            for phase, (start, end) in phases_of.items():
                if start <= moment <= end:
                    phases[phase][0] += float(sql_s) + float(other_s)
                    phases[phase][1] += 1
            if path.startswith("/my"):
                queries.setdefault(path.split("?")[0], []).append(int(count))
    return {
        "utilization": {
            phase: round(busy / (workers * seconds), 2)
            for phase, (busy, _count) in phases.items()
        },
        "queries": {
            path: int(statistics.median(counts))
            for path, counts in sorted(queries.items())
        },
    }


# ----------------------------------------------------------------------
def p95(values):
    ordered = sorted(values)
    return ordered[max(int(round(0.95 * len(ordered))) - 1, 0)] if ordered else 0.0


def page_stats(samples):
    """{page: {requests, errors, p50_ms, p95_ms}} of (page, ms, error)."""
    stats = {}
    for page in sorted({s[0] for s in samples}):
        rows = [s for s in samples if s[0] == page]
        times = [s[1] for s in rows]
        stats[page] = {
            "requests": len(rows),
            "errors": sum(1 for s in rows if s[2]),
            "p50_ms": round(statistics.median(times), 1),
            "p95_ms": round(p95(times), 1),
        }
    return stats


def report(sessions, back_office, server_log, phases, settings):
    """``phases``: wall-clock (start, end) of each phase; ``settings``: the
    run's workers, sessions, anchor_sessions, seconds, partners, think_ms."""

    def samples(kinds, phase):
        return [
            (page, ms, error)
            for s in sessions
            if (s.kind == "anchor") == (kinds == "anchor")
            for sample_phase, page, ms, error in s.samples
            if sample_phase == phase
        ]

    anchor_quiet = samples("anchor", "quiet")
    anchor_busy = samples("anchor", "busy")
    result = {
        "pages": page_stats(samples("module", "busy")),
        "anchor": page_stats(anchor_busy),
        "anchor_quiet_p95_ms": round(p95([s[1] for s in anchor_quiet]), 1),
        "anchor_busy_p95_ms": round(p95([s[1] for s in anchor_busy]), 1),
        "workers": settings["workers"],
        "sessions": settings["sessions"],
        "seconds": settings["seconds"],
        "quiet": {
            "pages": page_stats(samples("module", "quiet")),
            "anchor": page_stats(anchor_quiet),
        },
        "back_office": page_stats(back_office.samples),
        "anchor_sessions": settings["anchor_sessions"],
        "partners": settings["partners"],
        "think_ms": settings["think_ms"],
        "server": server_side(
            server_log, phases, settings["workers"], settings["seconds"]
        ),
    }
    errors_of = {
        f"{where}{page}": stats["errors"]
        for where, block in (
            ("", result["pages"]),
            ("anchor ", result["anchor"]),
            ("quiet ", result["quiet"]["pages"]),
            ("quiet anchor ", result["quiet"]["anchor"]),
        )
        for page, stats in block.items()
        if stats["errors"]
    }
    limit = 1.5 * result["anchor_busy_p95_ms"]
    rows = [
        (
            "errors (5xx, lost sessions, others)",
            sum(errors_of.values()),
            "-",
            "0",
            not errors_of,
        )
    ]
    for page, stats in result["pages"].items():
        rows.append(
            (
                f"p95 {page}",
                stats["p95_ms"],
                result["anchor_busy_p95_ms"],
                "<= 1.5 x anchor p95",
                stats["p95_ms"] <= limit,
            )
        )
    rows.append(
        (
            "anchor_busy_p95_ms",
            result["anchor_busy_p95_ms"],
            result["anchor_quiet_p95_ms"],
            "<= 1.10 x quiet",
            result["anchor_busy_p95_ms"] <= 1.10 * result["anchor_quiet_p95_ms"],
        )
    )
    result["targets"] = {
        key: {"value": value, "anchor": anchor, "target": target, "pass": ok}
        for key, value, anchor, target, ok in rows
    }
    with open(os.path.join(HERE, "load.json"), "w") as handle:
        json.dump(result, handle, indent=2)

    print(
        f"\nb2b_customer under load: {settings['sessions']} module +"
        f" {settings['anchor_sessions']} anchor sessions,"
        f" {settings['workers']} workers,"
        f" {settings['seconds']} s quiet + {settings['seconds']} s busy,"
        f" {settings['partners']} partners\n"
    )
    print(
        f"{'page (busy phase)':28} {'requests':>8} {'errors':>6} {'p50':>8} {'p95':>8}"
    )
    for title, block in (
        ("module", result["pages"]),
        ("anchor", result["anchor"]),
        ("back office", result["back_office"]),
    ):
        for page, stats in block.items():
            print(
                f"{title[:6] + ' ' + page:28} {stats['requests']:>8} "
                f"{stats['errors']:>6} {stats['p50_ms']:>8} {stats['p95_ms']:>8}"
            )
    if errors_of:
        print("\nerrors: " + ", ".join(f"{k}: {v}" for k, v in errors_of.items()))
        seen = set()
        for s in sessions:
            for _phase, page, _ms, error in s.samples:
                if error and (page, error) not in seen:
                    seen.add((page, error))
                    print(f"  {s.kind} {s.login} {page}: {error}")
        for action, _ms, error in back_office.samples:
            if error and action not in seen:
                seen.add(action)
                print(f"  back office {action}: {error}")
    utilization = result["server"]["utilization"]
    print(
        "\nHTTP workers busy (server time / (workers x seconds)): "
        + ", ".join(f"{phase} {value:.0%}" for phase, value in utilization.items())
    )
    print()
    print_table(rows)
