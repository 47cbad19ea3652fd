#!/usr/bin/env python3
"""The requirement catalog report: counts, coverage by tests, traceability matrix.

Reads the catalogs in spec/ (format: spec/README.md), collects the `Requirement:`
tags of the tests (conformance scenarios, Check unit tests, interop and system
scripts) and of the machines, and

- prints, per document, the number of requirements by level and status;
- lists every row marked `implemented` that no test names (an error), and every
  `partial` row without a test (a warning);
- refuses malformed catalogs and tags that name IDs that do not exist;
- writes the matrix requirement -> tests -> machines -> code as Markdown.

Usage: spec_report.py [--root DIR] [--matrix FILE] [--check-matrix]
Exit status: 0 when the catalog and the tags are consistent and every implemented
requirement is tested; 1 otherwise. With --check-matrix, also 1 when FILE was
not already the matrix this run produced (it is rewritten: commit it).
"""
import argparse
import collections
import glob
import os
import re
import sys

LEVELS = ["MUST", "MUST NOT", "SHOULD", "SHOULD NOT", "MAY"]
STATUSES = ["implemented", "partial", "not-yet", "not-applicable"]

DOC_RE = r"(?:RFC\d{4}|XEP\d{4})"
SECTION_RE = r"(?:[0-9]+|[A-Z])(?:\.[0-9]+)*"
ID_RE = re.compile(r"^(%s)-(%s)-([a-z]{1,2})$" % (DOC_RE, SECTION_RE))
# A token in a tag: an ID, or a reference to a section of some document.
REF_RE = re.compile(r"\b(%s)-(%s)(?:-([a-z]{1,2}))?\b" % (DOC_RE, SECTION_RE))
HEADING_RE = re.compile(r"^(#{2,6})\s+(%s)\.?\s+(.*)$" % SECTION_RE)
TITLE_RE = re.compile(r"^#\s+(.*)$")
TAG_RE = re.compile(r"Requirement:\s*(.*)$")
START_TEST_RE = re.compile(r"^\s*START_TEST\s*\(\s*(\w+)\s*\)")
END_TEST_RE = re.compile(r"^\s*END_TEST\b")
MD_HEADING_RE = re.compile(r"^(#{1,6})\s+(.*?)\s*$")


class Problems:
    def __init__(self):
        self.errors = []
        self.warnings = []

    def error(self, where, what):
        self.errors.append("%s: %s" % (where, what))

    def warn(self, where, what):
        self.warnings.append("%s: %s" % (where, what))


class Requirement:
    def __init__(self, rid, doc, section, level, status, text, note, where):
        self.rid, self.doc, self.section = rid, doc, section
        self.level, self.status, self.text, self.note = level, status, text, note
        self.where = where
        self.tests = []      # (label, link)
        self.machines = []   # (label, link)
        self.code = []       # (label, link)


class Catalog:
    def __init__(self, doc, path):
        self.doc, self.path = doc, path
        self.title = doc
        self.sections = []   # (section, title, [Requirement]) in file order
        self.rows = {}       # id -> Requirement


def doc_of_file(path):
    """rfc6120.md -> RFC6120, xep-0030.md -> XEP0030, anything else -> None."""
    name = os.path.basename(path)
    m = re.match(r"^(rfc)(\d{4})\.md$", name) or re.match(r"^(xep)-(\d{4})\.md$", name)
    return (m.group(1).upper() + m.group(2)) if m else None


def split_row(line):
    cells = line.strip()
    if not (cells.startswith("|") and cells.endswith("|")):
        return None
    return [c.strip() for c in cells[1:-1].split("|")]


def parse_catalog(path, problems):
    doc = doc_of_file(path)
    cat = Catalog(doc, path)
    section = None
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    in_fence = False
    for n, line in enumerate(lines, 1):
        where = "%s:%d" % (path, n)
        if line.startswith("```"):
            in_fence = not in_fence
            continue
        if in_fence:
            continue
        t = TITLE_RE.match(line)
        if t and cat.title == doc:
            cat.title = t.group(1).strip()
            continue
        h = HEADING_RE.match(line)
        if h:
            section = h.group(2)
            cat.sections.append((section, h.group(3).strip(), []))
            continue
        cells = split_row(line)
        if cells is None or not cells or not re.match(r"^%s-" % DOC_RE, cells[0]):
            continue
        if len(cells) != 5:
            problems.error(where, "a row has 5 cells (ID, Level, Status, Requirement, Note), this one %d"
                           % len(cells))
            continue
        rid, level, status, text, note = cells
        m = ID_RE.match(rid)
        if not m:
            problems.error(where, "'%s' is not an ID like %s-4.7.1-a" % (rid, doc))
            continue
        if m.group(1) != doc:
            problems.error(where, "%s belongs in the catalog of %s, not %s" % (rid, m.group(1), doc))
            continue
        if section is None or m.group(2) != section:
            problems.error(where, "%s is under the heading of section %s" % (rid, section))
            continue
        if rid in cat.rows:
            problems.error(where, "%s is listed twice (first at %s)" % (rid, cat.rows[rid].where))
            continue
        if level not in LEVELS:
            problems.error(where, "%s: level '%s' is not one of %s" % (rid, level, ", ".join(LEVELS)))
            continue
        if status not in STATUSES:
            problems.error(where, "%s: status '%s' is not one of %s" % (rid, status, ", ".join(STATUSES)))
            continue
        if not text:
            problems.error(where, "%s has no paraphrase" % rid)
            continue
        if status != "implemented" and not note:
            problems.error(where, "%s is %s: the Note must say why or what is missing" % (rid, status))
        req = Requirement(rid, doc, section, level, status, text, note, where)
        cat.rows[rid] = req
        cat.sections[-1][2].append(req)
    if not cat.rows:
        problems.error(path, "no requirement rows")
    return cat


def tag_refs(text):
    """The references in the text after 'Requirement:'."""
    return [(m.group(0), m.group(1), m.group(3) is not None) for m in REF_RE.finditer(text)]


def md_anchor(heading):
    """GitHub's anchor for a Markdown heading."""
    a = heading.strip().lower()
    a = re.sub(r"[^\w\- ]", "", a)
    return a.replace(" ", "-")


def scan_scenarios(root, path):
    """Tags in a conformance scenario document: (ref-text, label, link, where)."""
    out = []
    heading = None
    rel = os.path.relpath(path, root)
    in_fence = False
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if line.startswith("```"):
                in_fence = not in_fence
                continue
            if in_fence:
                continue
            h = MD_HEADING_RE.match(line)
            if h and len(h.group(1)) == 2:
                heading = h.group(2)
                continue
            t = TAG_RE.match(line.strip())
            if t:
                label = "%s: %s" % (os.path.basename(path), heading or "(no heading)")
                link = "../%s#%s" % (rel, md_anchor(heading)) if heading else "../%s" % rel
                out.append((t.group(1), label, link, "%s:%d" % (rel, n)))
    return out


def scan_c_tests(root, path, problems):
    """Tags in a Check test file, each given to the test it is in or right before."""
    out = []
    rel = os.path.relpath(path, root)
    current = None
    pending = []
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            s = START_TEST_RE.match(line)
            if s:
                current = s.group(1)
                for text, where_n in pending:
                    out.append((text, "%s: %s" % (os.path.basename(path), current),
                                "../%s#L%d" % (rel, n), "%s:%d" % (rel, where_n)))
                pending = []
                continue
            if END_TEST_RE.match(line):
                current = None
                continue
            t = TAG_RE.search(line)
            if not t:
                continue
            text = t.group(1).replace("*/", " ")
            if current is not None:
                out.append((text, "%s: %s" % (os.path.basename(path), current),
                            "../%s#L%d" % (rel, n), "%s:%d" % (rel, n)))
            else:
                pending.append((text, n))
    for _, where_n in pending:
        problems.error("%s:%d" % (rel, where_n), "a Requirement tag outside any START_TEST and before none")
    return out


def scan_scripts(root, path):
    out = []
    rel = os.path.relpath(path, root)
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            t = TAG_RE.search(line)
            if t and line.lstrip().startswith("#"):
                out.append((t.group(1), rel, "../%s#L%d" % (rel, n), "%s:%d" % (rel, n)))
    return out


def scan_machines(root, path):
    """Tags in a Ragel file, each given to the first non-comment line after it."""
    out = []
    rel = os.path.relpath(path, root)
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    for i, line in enumerate(lines):
        t = TAG_RE.search(line)
        if not t or not line.lstrip().startswith("#"):
            continue
        target = i
        while target < len(lines) and (lines[target].lstrip().startswith("#") or not lines[target].strip()):
            target += 1
        code = lines[target].strip() if target < len(lines) else ""
        code = re.sub(r"\s+", " ", code)[:60]
        label = "%s:%d `%s`" % (os.path.basename(path), target + 1, code.replace("`", "'"))
        out.append((t.group(1), label, "../%s#L%d" % (rel, target + 1), "%s:%d" % (rel, i + 1)))
    return out


def scan_code(root, rows):
    """IDs mentioned in src/ (error texts, comments): where a rule is enforced."""
    out = collections.defaultdict(list)
    for path in sorted(glob.glob(os.path.join(root, "src", "*.[ch]"))):
        rel = os.path.relpath(path, root)
        with open(path, encoding="utf-8") as f:
            for n, line in enumerate(f, 1):
                for m in REF_RE.finditer(line):
                    if m.group(0) in rows:
                        out[m.group(0)].append(("%s:%d" % (os.path.basename(path), n), "../%s#L%d" % (rel, n)))
    return out


def attach(tags, rows, catalogued, problems, kind, uncatalogued):
    for text, label, link, where in tags:
        refs = tag_refs(text)
        if not refs:
            problems.error(where, "a Requirement tag that names no ID")
        for ref, doc, has_letter in refs:
            if doc not in catalogued:
                uncatalogued[doc] += 1
                continue
            if not has_letter or ref not in rows:
                problems.error(where, "%s is not an ID in spec/%s" % (ref, os.path.basename(catalogued[doc])))
                continue
            target = getattr(rows[ref], kind)
            if (label, link) not in target:
                target.append((label, link))


def md_cell(s):
    return s.replace("|", "\\|")


def links(items, limit=None):
    shown = items if limit is None else items[:limit]
    text = "<br>".join("[%s](%s)" % (md_cell(label), link) for label, link in shown)
    if limit is not None and len(items) > limit:
        text += "<br>… %d more" % (len(items) - limit)
    return text


def machine_section(catalogs):
    """Per machine file: the requirements its transitions are tagged with."""
    by_file = collections.defaultdict(list)
    for cat in catalogs:
        for r in cat.rows.values():
            for label, link in r.machines:
                by_file[label.split(":")[0]].append((label, link, r))
    out = ["", "## By machine", "",
           "The transitions of each machine (`machines/*.rl`) and the requirements they enforce",
           "([docs/machines.md](machines.md) explains the machines)."]
    for name in sorted(by_file):
        out += ["", "### %s" % name, "", "| where | ID | Requirement |", "|---|---|---|"]
        for label, link, r in sorted(by_file[name], key=lambda t: (int(t[0].split(":")[1].split()[0]), t[2].rid)):
            out.append("| [%s](%s) | %s | %s |" % (md_cell(label), link, r.rid, md_cell(r.text)))
    return out if by_file else []


def write_matrix(catalogs, uncatalogued):
    out = ["# Requirement matrix", "",
           "Generated by `make spec-report` (tools/spec_report.py) from the catalogs in",
           "[`spec/`](../spec/README.md) and the `Requirement:` tags of the tests and machines.",
           "Do not edit: change the catalog or the tags and run `make spec-report`.", "",
           "| document | requirements | implemented | partial | not-yet | not-applicable | named by a test |",
           "|---|---|---|---|---|---|---|"]
    for cat in catalogs:
        counts = collections.Counter(r.status for r in cat.rows.values())
        tested = sum(1 for r in cat.rows.values() if r.tests)
        out.append("| [%s](#%s) | %d | %d | %d | %d | %d | %d |" % (
            cat.doc, md_anchor(cat.title), len(cat.rows), counts["implemented"], counts["partial"],
            counts["not-yet"], counts["not-applicable"], tested))
    if uncatalogued:
        out += ["", "Tags also cite documents without a catalog yet: " +
                ", ".join("%s (%d)" % (d, n) for d, n in sorted(uncatalogued.items())) + "."]
    out += machine_section(catalogs)
    for cat in catalogs:
        out += ["", "## %s" % cat.title, "",
                "Catalog: [`%s`](../%s)." % (os.path.basename(cat.path), "spec/" + os.path.basename(cat.path))]
        for section, title, reqs in cat.sections:
            if not reqs:
                continue
            out += ["", "### %s %s" % (section, title), "",
                    "| ID | Level | Status | Requirement | Tests | Machines | Code |",
                    "|---|---|---|---|---|---|---|"]
            for r in reqs:
                status = r.status if r.status == "implemented" else "%s: %s" % (r.status, r.note)
                out.append("| %s | %s | %s | %s | %s | %s | %s |" % (
                    r.rid, r.level, md_cell(status), md_cell(r.text), links(r.tests, 8),
                    links(r.machines), links(r.code, 4)))
    return "\n".join(out) + "\n"


def print_counts(cat, root):
    print("%s (%s): %d requirements" % (cat.doc, os.path.relpath(cat.path, root), len(cat.rows)))
    print("  %-11s %12s %8s %8s %15s %7s" % ("level", "implemented", "partial", "not-yet", "not-applicable",
                                           "tested"))
    for level in LEVELS:
        rows = [r for r in cat.rows.values() if r.level == level]
        if not rows:
            continue
        c = collections.Counter(r.status for r in rows)
        print("  %-11s %12d %8d %8d %15d %7d" % (level, c["implemented"], c["partial"], c["not-yet"],
                                               c["not-applicable"], sum(1 for r in rows if r.tests)))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--root", default=".")
    ap.add_argument("--matrix", default=None, help="write the matrix here (e.g. docs/spec-matrix.md)")
    ap.add_argument("--check-matrix", action="store_true", help="fail when --matrix was not current")
    args = ap.parse_args()
    root = args.root
    problems = Problems()

    catalogs = []
    for path in sorted(glob.glob(os.path.join(root, "spec", "*.md"))):
        if doc_of_file(path):
            catalogs.append(parse_catalog(path, problems))
    rows = {}
    catalogued = {}
    for cat in catalogs:
        catalogued[cat.doc] = cat.path
        rows.update(cat.rows)

    uncatalogued = collections.Counter()
    tests = []
    for path in sorted(glob.glob(os.path.join(root, "conformance", "scenarios", "*.md"))):
        tests += scan_scenarios(root, path)
    for path in sorted(glob.glob(os.path.join(root, "tests", "*.c"))):
        tests += scan_c_tests(root, path, problems)
    for path in sorted(glob.glob(os.path.join(root, "tests", "**", "*.py"), recursive=True) +
                       glob.glob(os.path.join(root, "tests", "**", "*.sh"), recursive=True)):
        tests += scan_scripts(root, path)
    attach(tests, rows, catalogued, problems, "tests", uncatalogued)
    machine_tags = []
    for path in sorted(glob.glob(os.path.join(root, "machines", "*.rl"))):
        machine_tags += scan_machines(root, path)
    attach(machine_tags, rows, catalogued, problems, "machines", uncatalogued)
    for rid, sites in scan_code(root, rows).items():
        rows[rid].code = sites

    for cat in catalogs:
        print_counts(cat, root)
    for cat in catalogs:
        for r in cat.rows.values():
            if r.tests:
                continue
            if r.status == "implemented":
                problems.error(r.where, "%s is marked implemented but no test names it" % r.rid)
            elif r.status == "partial":
                problems.warn(r.where, "%s is partial and no test names it" % r.rid)
    if uncatalogued:
        print("uncatalogued references: " + ", ".join("%s %d" % kv for kv in sorted(uncatalogued.items())))

    rc = 0
    if args.matrix:
        text = write_matrix(catalogs, uncatalogued)
        path = os.path.join(root, args.matrix)
        old = None
        if os.path.exists(path):
            with open(path, encoding="utf-8") as f:
                old = f.read()
        if old != text:
            os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
            with open(path, "w", encoding="utf-8") as f:
                f.write(text)
            if args.check_matrix:
                problems.error(args.matrix, "was not current; rewritten: commit it")
        print("matrix: %s" % args.matrix)
    for w in problems.warnings:
        print("warning: " + w)
    for e in problems.errors:
        print("error: " + e)
    if problems.errors:
        print("spec-report: %d error(s)" % len(problems.errors))
        rc = 1
    else:
        print("spec-report: %d requirements in %d catalogs, every implemented one named by a test"
              % (len(rows), len(catalogs)))
    return rc


if __name__ == "__main__":
    sys.exit(main())
