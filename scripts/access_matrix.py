"""Print the access matrix of tests/access_matrix.py as Markdown (README)."""

import importlib.util
import pathlib

path = pathlib.Path(__file__).resolve().parent.parent / "tests" / "access_matrix.py"
spec = importlib.util.spec_from_file_location("access_matrix", path)
matrix = importlib.util.module_from_spec(spec)
spec.loader.exec_module(matrix)

actors = matrix.ACTORS
print("| model / action | " + " | ".join(actors) + " |")
print("| --- | " + " | ".join("---" for _ in actors) + " |")
for model, operations in matrix.MODEL_ACCESS.items():
    cells = []
    for actor in actors:
        allowed = "".join(
            op[0].upper()
            for op in ("read", "write", "create", "unlink")
            if actor in operations[op]
        )
        cells.append(allowed or "-")
    print(f"| `{model}` (RWCU) | " + " | ".join(cells) + " |")
for action, allowed in matrix.PARTNER_ACTIONS.items():
    print(
        f"| `{action}` | "
        + " | ".join("yes" if a in allowed else "-" for a in actors)
        + " |"
    )
print(
    "| orders seen (fixtures) | "
    + " | ".join(", ".join(matrix.ORDER_VISIBILITY[a]) or "-" for a in actors)
    + " |"
)
