"""Merges bench_torch.py's and `distill bench`'s markdown tables into one comparison table.

    python3 scripts/bench_merge.py --torch t1.txt [t2.txt ...] --distill d1.txt [d2.txt ...]
                                   [--steal "note"] [--command "how it was run"]

Rows are matched by term name before any '(' ("kd(T=4)" and "kd" are both "kd"). With several
rounds (files alternately written by the two sides, as scripts/bench-compare.sh runs them), each
entry is the median over the rounds of that side's per-round medians, so one burst of noise from
another tenant of the machine moves one round and not the verdict; the per-round goal counts are
printed too. Prints both header lines, the table (PyTorch ms, Distill ms, speed-up = PyTorch /
Distill per size) and the issue's goals with PASS/FAIL.
"""

import argparse
import re
import statistics


def parse(path):
    header, rows, sizes = [], {}, []
    with open(path) as fh:
        for line in fh:
            line = line.rstrip("\n")
            if line.startswith("| term |"):
                sizes = [int(m) for m in re.findall(r"N=(\d+)", line)]
            elif line.startswith("|---"):
                continue
            elif line.startswith("| "):
                cells = [c.strip() for c in line.strip("|").split("|")]
                rows[key(cells[0])] = (cells[0], [float(c) for c in cells[1:]])
            elif line.strip():
                header.append(line)
    return header, sizes, rows


def key(name):
    return name.split("(")[0].strip() if not name.startswith(("sum", "total")) else name


def parse_rounds(paths):
    """The first file's header, the sizes, and per row the median over the files of each value."""
    parsed = [parse(p) for p in paths]
    header, sizes, first = parsed[0]
    for _, other_sizes, rows in parsed[1:]:
        if other_sizes != sizes or rows.keys() != first.keys():
            raise SystemExit(f"rounds disagree on sizes or rows: {paths}")
    rows = {k: (name, [statistics.median(p[2][k][1][i] for p in parsed) for i in range(len(vals))])
            for k, (name, vals) in first.items()}
    return header, sizes, rows, [p[2] for p in parsed]


def goal_list(sizes, t_rows, d_rows):
    goals = [("total (one graph)", max(sizes), 4.0), ("rkd.angle", max(sizes), 8.0)]
    if min(sizes) != max(sizes):
        # The round-1 goal (not slower) and issue 13's (at least 3x) at the small size.
        goals.insert(1, ("total (one graph)", min(sizes), 3.0))
    # Issue 13: every term alone at least as fast as PyTorch at every size.
    terms = [k for k in t_rows if not k.startswith(("sum", "total")) and k in d_rows]
    return goals + [(k, n, 1.0) for k in terms for n in sizes]


def met(goals, sizes, t_rows, d_rows):
    return sum(1 for k, n, need in goals if k in t_rows and k in d_rows and n in sizes
               and t_rows[k][1][sizes.index(n)] / d_rows[k][1][sizes.index(n)] >= need)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--torch", nargs="+", required=True)
    ap.add_argument("--distill", nargs="+", required=True)
    ap.add_argument("--steal", default="")
    ap.add_argument("--command", default="")
    args = ap.parse_args()
    if len(args.torch) != len(args.distill):
        raise SystemExit("as many PyTorch rounds as Distill rounds, please")
    t_header, sizes, t_rows, t_rounds = parse_rounds(args.torch)
    d_header, d_sizes, d_rows, d_rounds = parse_rounds(args.distill)
    if sizes != d_sizes:
        raise SystemExit(f"size mismatch: torch {sizes}, distill {d_sizes}")
    if args.command:
        print(f"Command: `{args.command}`\n")
    print("PyTorch: " + " / ".join(t_header) + "\n")
    print("Distill: " + " / ".join(d_header) + "\n")
    rounds = len(args.torch)
    if rounds > 1:
        print(f"Each entry: the median over {rounds} rounds (PyTorch, then Distill, alternately) of that round's median.\n")
    cols = " | ".join(f"PyTorch N={n} (ms) | Distill N={n} (ms) | speed-up N={n}" for n in sizes)
    print(f"| term | {cols} |")
    print("|" + "---|" * (1 + 3 * len(sizes)))
    for k, (name, t_vals) in t_rows.items():
        d = d_rows.get(k)
        cells = []
        for i in range(len(sizes)):
            if d is None:
                cells += [f"{t_vals[i]:.3f}", "—", "—"]
            else:
                cells += [f"{t_vals[i]:.3f}", f"{d[1][i]:.3f}", f"{t_vals[i] / d[1][i]:.1f}×"]
        print(f"| {name if d is None else d[0]} | " + " | ".join(cells) + " |")
    print()
    goals = goal_list(sizes, t_rows, d_rows)
    for k, n, need in goals:
        if k not in t_rows or k not in d_rows or n not in sizes:
            print(f"- {k} at N={n}: not measured")
            continue
        i = sizes.index(n)
        ratio = t_rows[k][1][i] / d_rows[k][1][i]
        verdict = "PASS" if ratio >= need else "FAIL"
        print(f"- {k} at N={n}: {ratio:.2f}× faster than PyTorch (goal ≥ {need:g}×): {verdict}")
    print(f"- goals met: {met(goals, sizes, t_rows, d_rows)} of {len(goals)}")
    if rounds > 1:
        per_round = [met(goals, sizes, t, d) for t, d in zip(t_rounds, d_rounds)]
        print(f"- goals met round by round: {', '.join(map(str, per_round))} of {len(goals)}")
    if args.steal:
        print(f"- CPU time stolen by the hypervisor while each side ran: {args.steal}")


if __name__ == "__main__":
    main()
