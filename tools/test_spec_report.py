#!/usr/bin/env python3
"""Self-tests of tools/spec_report.py on small trees built in a scratch directory."""
import os
import subprocess
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
SCRIPT = os.path.join(HERE, "spec_report.py")

CATALOG = """# RFC 6120: Core

## 4.7.1 from

| ID | Level | Status | Requirement | Note |
|---|---|---|---|---|
| RFC6120-4.7.1-a | MUST | implemented | The response header carries 'from'. | |
| RFC6120-4.7.1-b | MUST | not-yet | An s2s initiator puts its domain in 'from'. | no federation |

## 4.9.3.6 host-unknown

| ID | Level | Status | Requirement | Note |
|---|---|---|---|---|
| RFC6120-4.9.3.6-a | MUST | partial | An unknown 'to' gets host-unknown. | only c2s |
"""

SCENARIO = """# Headers

## A header is answered

Requirement: RFC6120-4.7.1-a, RFC8265-3.3

```send
<x/>
```
"""

C_TEST = """#include "suites.h"
/* Requirement: RFC6120-4.9.3.6-a */
START_TEST(test_unknown)
{
}
END_TEST
"""


def tree(files):
    root = tempfile.mkdtemp(prefix="spec-report-test-")
    for rel, text in files.items():
        path = os.path.join(root, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
    return root


def run(root, *extra):
    p = subprocess.run([sys.executable, SCRIPT, "--root", root] + list(extra),
                       capture_output=True, text=True, check=False)
    return p.returncode, p.stdout + p.stderr


class SpecReport(unittest.TestCase):
    def test_consistent_tree_passes_and_counts(self):
        root = tree({"spec/rfc6120.md": CATALOG, "conformance/scenarios/h.md": SCENARIO,
                     "tests/check_x.c": C_TEST})
        rc, out = run(root, "--matrix", "docs/m.md")
        self.assertEqual(rc, 0, out)
        self.assertIn("RFC6120 (", out)
        self.assertIn("3 requirements", out)
        self.assertIn("uncatalogued references: RFC8265 1", out)
        with open(os.path.join(root, "docs/m.md"), encoding="utf-8") as f:
            matrix = f.read()
        self.assertIn("check_x.c: test_unknown", matrix)
        self.assertIn("h.md: A header is answered", matrix)
        self.assertIn("not-yet: no federation", matrix)

    def test_untested_implemented_fails(self):
        root = tree({"spec/rfc6120.md": CATALOG, "tests/check_x.c": C_TEST})
        rc, out = run(root)
        self.assertEqual(rc, 1)
        self.assertIn("RFC6120-4.7.1-a is marked implemented but no test names it", out)

    def test_untested_partial_is_a_warning(self):
        root = tree({"spec/rfc6120.md": CATALOG, "conformance/scenarios/h.md": SCENARIO})
        rc, out = run(root)
        self.assertEqual(rc, 0, out)
        self.assertIn("warning: ", out)
        self.assertIn("RFC6120-4.9.3.6-a is partial", out)

    def test_unknown_id_and_bare_section_fail(self):
        bad = SCENARIO.replace("RFC6120-4.7.1-a,", "RFC6120-4.7.1-a, RFC6120-4.7.1-z, RFC6120-4.7.1,")
        root = tree({"spec/rfc6120.md": CATALOG, "conformance/scenarios/h.md": bad, "tests/check_x.c": C_TEST})
        rc, out = run(root)
        self.assertEqual(rc, 1)
        self.assertIn("RFC6120-4.7.1-z is not an ID", out)
        self.assertIn("RFC6120-4.7.1 is not an ID", out)

    def test_malformed_rows_fail(self):
        cases = {
            "duplicate": CATALOG.replace("RFC6120-4.7.1-b", "RFC6120-4.7.1-a"),
            "wrong section": CATALOG.replace("RFC6120-4.7.1-b", "RFC6120-4.7.2-a"),
            "level": CATALOG.replace("| MUST | not-yet", "| MUSTN'T | not-yet"),
            "status": CATALOG.replace("| implemented |", "| done |"),
            "no note": CATALOG.replace("| no federation |", "| |"),
            "cells": CATALOG.replace("| only c2s |", ""),
        }
        for name, text in cases.items():
            with self.subTest(name):
                root = tree({"spec/rfc6120.md": text, "conformance/scenarios/h.md": SCENARIO,
                             "tests/check_x.c": C_TEST})
                rc, out = run(root)
                self.assertEqual(rc, 1, out)
                self.assertIn("error: ", out)

    def test_c_tag_outside_a_test_fails(self):
        stray = C_TEST + "/* Requirement: RFC6120-4.7.1-a */\n"
        root = tree({"spec/rfc6120.md": CATALOG, "conformance/scenarios/h.md": SCENARIO, "tests/check_x.c": stray})
        rc, out = run(root)
        self.assertEqual(rc, 1)
        self.assertIn("outside any START_TEST", out)

    def test_machine_tags_and_code_mentions(self):
        machine = "# Requirement: RFC6120-4.7.1-a\naction send_from { emit(); }\n"
        code = 'static const char *t = "RFC6120-4.9.3.6-a: unknown host";\n'
        root = tree({"spec/rfc6120.md": CATALOG, "conformance/scenarios/h.md": SCENARIO,
                     "tests/check_x.c": C_TEST, "machines/s.rl": machine, "src/s.c": code})
        rc, out = run(root, "--matrix", "docs/m.md")
        self.assertEqual(rc, 0, out)
        with open(os.path.join(root, "docs/m.md"), encoding="utf-8") as f:
            matrix = f.read()
        self.assertIn("s.rl:2 `action send_from { emit(); }`", matrix)
        self.assertIn("[s.c:1](../src/s.c#L1)", matrix)
        self.assertIn("### s.rl", matrix)
        self.assertIn("| RFC6120-4.7.1-a | The response header carries 'from'. |", matrix)

    def test_stale_matrix_fails_with_check(self):
        root = tree({"spec/rfc6120.md": CATALOG, "conformance/scenarios/h.md": SCENARIO,
                     "tests/check_x.c": C_TEST, "docs/m.md": "old\n"})
        rc, out = run(root, "--matrix", "docs/m.md", "--check-matrix")
        self.assertEqual(rc, 1)
        self.assertIn("was not current", out)
        rc, out = run(root, "--matrix", "docs/m.md", "--check-matrix")
        self.assertEqual(rc, 0, out)


if __name__ == "__main__":
    unittest.main()
