#!/usr/bin/env python3
"""Summarises the runs of load-ab.sh: per size, the pairs (run i of A, run i of B) in which
neither run lost copies (bridge and received loss under 0.5 %: a run that lost packets
measured a starved machine, not the bridge), the medians of forwarded packets per
bridge CPU-second and of p99 transit, and the median of the pairs' ratios B/A.

    videobridge/src/test/scripts/load-ab-summary.py OUTDIR
"""
import re
import statistics
import sys
from pathlib import Path

ROW = re.compile(r"^\| (\S+) \| (\d+) \|")


def rows(path):
    """size -> (packets per CPU-second, p99 transit us, bridge loss %, received loss %)"""
    found = {}
    for line in path.read_text().splitlines():
        if not ROW.match(line):
            continue
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        transit = [float(t) for t in cells[8].split("/")]
        found[int(cells[1])] = (float(cells[7]), transit[1], float(cells[9]), float(cells[10]))
    return found


def main(out):
    runs = {}
    for path in Path(out).glob("*-[AB].txt"):
        number, side = path.stem.split("-")
        runs.setdefault(int(number), {})[side] = rows(path)
    sizes = sorted({size for pair in runs.values() for side in pair.values() for size in side})
    print("| size | pairs without loss (of all) | A: pkt per CPU-s, median | B: median | median ratio B/A"
          " | pairs with B > A | p99 transit us, A / B medians | median ratio of p99 transit B/A |")
    print("|---|---|---|---|---|---|---|---|")
    for size in sizes:
        a, b, ratios, a_transit, b_transit = [], [], [], [], []
        total = 0
        for pair in runs.values():
            if "A" not in pair or "B" not in pair or size not in pair["A"] or size not in pair["B"]:
                continue
            total += 1
            ra, rb = pair["A"][size], pair["B"][size]
            if max(ra[2], ra[3], rb[2], rb[3]) >= 0.5:
                continue
            a.append(ra[0])
            b.append(rb[0])
            ratios.append(rb[0] / ra[0])
            a_transit.append(ra[1])
            b_transit.append(rb[1])
        if not ratios:
            print(f"| {size} | 0 (of {total}) | | | | | | |")
            continue
        print(f"| {size} | {len(ratios)} (of {total}) | {statistics.median(a):,.0f} | {statistics.median(b):,.0f} | "
              f"{statistics.median(ratios):.3f} | {sum(r > 1 for r in ratios)} of {len(ratios)} | "
              f"{statistics.median(a_transit):.0f} / {statistics.median(b_transit):.0f} | "
              f"{statistics.median(bt / at for at, bt in zip(a_transit, b_transit)):.2f} |")


if __name__ == "__main__":
    main(sys.argv[1])
