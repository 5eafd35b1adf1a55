"""Split the module's test classes into N shards of about equal weight.

Usage: python3 scripts/test_shards.py N TAGS [DURATIONS_LOG ...]

Prints N lines, each Odoo --test-tags spec for one shard: every include of
TAGS that names the module (``[tag]/b2b_customer``) becomes one include per
test class of the shard (``[tag]/b2b_customer:TestClass``); the other specs
(exclusions such as ``-b2b_shop``) are kept on every line. Together the shards
run exactly the tests TAGS runs. A class's weight is the time it took in the
DURATIONS_LOGs (logs of an earlier run at --log-level=test) when it is there,
else an estimate from its test methods (a tour or an HTTP test weighs more).
"""

import ast
import datetime
import re
import sys
from pathlib import Path

MODULE = "b2b_customer"
TESTS = Path(__file__).resolve().parent.parent / "tests"


def classes():
    """{class name: estimated seconds} of every test class in tests/."""
    found = {}
    for path in sorted(TESTS.glob("*.py")):
        source = path.read_text(encoding="utf-8")
        for node in ast.walk(ast.parse(source)):
            if not isinstance(node, ast.ClassDef):
                continue
            body = ast.get_source_segment(source, node) or ""
            tests = sum(
                1
                for n in node.body
                if isinstance(n, ast.FunctionDef) and n.name.startswith("test")
            )
            cost = 1.0
            if "start_tour" in body:
                cost = 8.0
            elif "url_open" in body or "HttpCase" in body:
                cost = 2.0
            found[node.name] = max(tests, 1) * cost
    return found


def measured(log_path):
    """{class name: seconds} from the 'Starting Class.test_x' lines of a log."""
    durations, previous = {}, None
    try:
        lines = (
            Path(log_path).read_text(encoding="utf-8", errors="replace").splitlines()
        )
    except OSError:
        return durations
    for line in lines:
        match = re.match(
            r"(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d),\d+ .* Starting (\w+)\.test", line
        )
        if not match:
            continue
        moment = datetime.datetime.strptime(match.group(1), "%Y-%m-%d %H:%M:%S")
        if previous:
            durations[previous[1]] = (
                durations.get(previous[1], 0) + (moment - previous[0]).total_seconds()
            )
        previous = (moment, match.group(2))
    return durations


def main():
    count, tags = int(sys.argv[1]), sys.argv[2]
    weights = classes()
    for log_path in sys.argv[3:]:
        weights.update(
            {
                name: max(s, 1.0)
                for name, s in measured(log_path).items()
                if name in weights
            }
        )
    shards = [[0.0, []] for _ in range(count)]
    for name in sorted(weights, key=lambda n: (-weights[n], n)):
        lightest = min(shards, key=lambda s: s[0])
        lightest[0] += weights[name]
        lightest[1].append(name)
    specs = [s.strip() for s in tags.split(",") if s.strip()]
    own = [
        s for s in specs if not s.startswith("-") and re.fullmatch(rf"\w*/{MODULE}", s)
    ]
    rest = [s for s in specs if s not in own]
    for _weight, names in shards:
        line = [f"{spec}:{name}" for spec in own for name in sorted(names)] + rest
        print(",".join(line))


if __name__ == "__main__":
    main()
