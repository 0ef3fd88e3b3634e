"""Summarize a test2json run of Milvus's go_client suite per test file.

usage: summarize.py results.json testcases_dir failures.txt
"""
import collections
import glob
import json
import os
import re
import sys


def main(results, testcases, failures):
    outcome, output = {}, collections.defaultdict(list)
    for line in open(results):
        try:
            e = json.loads(line)
        except ValueError:
            continue
        t = e.get("Test")
        if not t:
            continue
        top = t.split("/")[0]
        if e["Action"] == "output":
            output[top].append(e["Output"])
        elif e["Action"] in ("pass", "fail", "skip") and "/" not in t:
            outcome[t] = e["Action"]
    area = {}
    for f in glob.glob(os.path.join(testcases, "*_test.go")):
        for m in re.finditer(r"^func (Test\w+)\(", open(f).read(), re.M):
            area[m.group(1)] = os.path.basename(f)[: -len("_test.go")]
    by = collections.defaultdict(collections.Counter)
    for t, a in outcome.items():
        by[area.get(t, "?")][a] += 1
    print(f"{'area':34} {'pass':>5} {'fail':>5} {'skip':>5}")
    for a in sorted(by):
        print(f"{a:34} {by[a]['pass']:5} {by[a]['fail']:5} {by[a]['skip']:5}")
    total = collections.Counter(outcome.values())
    print(f"{total['pass']} passed, {total['fail']} failed, {total['skip']} skipped")
    with open(failures, "w") as out:
        for t in sorted(t for t, a in outcome.items() if a == "fail"):
            lines = [l for l in output[t] if re.search(r"Error:|expected|actual|reason|panic:", l)]
            out.write(f"== {t} [{area.get(t, '?')}]\n" + "".join(lines[:12]))


if __name__ == "__main__":
    main(*sys.argv[1:4])
