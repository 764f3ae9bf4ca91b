#!/usr/bin/env python3
"""The event annotation checker (scripts/events_convert.py) against the guidelines it serves:
the worked example of docs/annotation.md section 17 passes, and each kind of bad line is named."""
import os
import sys
import tempfile
import unittest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "scripts"))
import events_convert  # noqa: E402


def worked_example():
    with open(os.path.join(ROOT, "docs", "annotation.md"), encoding="utf-8") as f:
        text = f.read()
    blocks = text[text.index("## 17. Worked example"):].split("```")
    return blocks[1].strip("\n") + "\n", blocks[3].strip("\n") + "\n"


class EventsConvertTest(unittest.TestCase):
    def run_check(self, input_text, output_text):
        with tempfile.TemporaryDirectory() as d:
            i, o = os.path.join(d, "in.txt"), os.path.join(d, "out.txt")
            for path, content in ((i, input_text), (o, output_text)):
                with open(path, "w", encoding="utf-8") as f:
                    f.write(content)
            return events_convert.convert(i, o)

    def test_the_worked_example_passes(self):
        dates, events, problems, warnings = self.run_check(*worked_example())
        self.assertEqual(problems, [])
        self.assertEqual(warnings, [])
        self.assertEqual(len(dates), 4)
        self.assertEqual(len(events), 8)  # seven events, one mentioned twice
        first = [e for e in events if e[1] == "E1"]
        self.assertEqual([e[2] for e in first], [0, 1])  # the title, then p2
        self.assertEqual(first[0][5:], first[1][5:])     # a further mention carries the fields

    def test_bad_lines_are_named(self):
        text = "=== a\ndate: 2020-10-24\np1\tNga đăng ký và ký hiệp định với Lào ngày 2/10.\n"
        cases = {
            "E1\tp1\tký\t5\tNga\tLào\t2020-10-02\t-\thappened": "code '5'",
            "E1\tp1\tký\t057\t-\tLào\t2020-10-02\t-\thappened": "no source",
            "E1\tp1\tký\t057\tNga\tLào\t2/10\t-\thappened": "date '2/10'",
            "E1\tp1\tký\t057\tNga\tLào\t2020-10-02\t-\tdone": "status 'done'",
            "E1\tp2\tký\t057\tNga\tLào\t2020-10-02\t-\thappened": "no paragraph p2",
            "E1\tp1\tký#3\t057\tNga\tLào\t2020-10-02\t-\thappened": "3 times",
            "E2\tp1\tký": "before its full line",
            "T\tp1\tngày 2/10\t2020-13": "value '2020-13'",
            "T\tp1\tngày 3/10\t2020-10-03": "not in p1",
        }
        for line, want in cases.items():
            _, _, problems, _ = self.run_check(text, "=== a\n" + line + "\n")
            self.assertEqual(len(problems), 1, line)
            self.assertIn(want, problems[0], line)

    def test_the_second_of_two_occurrences(self):
        text = "=== a\ndate: none\np1\tNga đăng ký và ký hiệp định với Lào ngày 2/10.\n"
        dates, events, problems, _ = self.run_check(
            text, "=== a\nT\tp1\tngày 2/10\t--10-02\nE1\tp1\tký#2\t057\tNga\tLào\t--10-02\t-\thappened\n")
        self.assertEqual(problems, [])
        self.assertEqual(events[0][3], text.split("\t")[1].index("ký hiệp"))
        self.assertEqual(dates[0][4], "--10-02")

    def test_value_forms(self):
        good = ["2020-10-23", "2020-10", "2020", "199", "19", "2020-Q3", "2020-SU", "--10-02", "--10",
                "2020-10-12/2020-10-18", "2015/2019", "2020-10-18,2020-10-19", "2003,2004", "-"]
        bad = ["2020-13-01x", "Q3", "2020/", "20201", "2020-10-18,", ",2020"]
        for v in good:
            self.assertTrue(events_convert.VALUE.match(v), v)
        for v in bad:
            self.assertFalse(events_convert.VALUE.match(v), v)


if __name__ == "__main__":
    unittest.main()
