"""The check report writes its findings one at a time, exactly as one `json.dumps` would."""

from __future__ import annotations

import io
import json

from tui.bundled import bundled_facts_path
from tui.cli.report import finding_json, health_json, write_json
from tui.domain.crossref.cross_index import CrossIndex
from tui.domain.crossref.findings import Finding
from tui.domain.loading.loader import load_facts


def test_streamed_json_equals_the_whole_document() -> None:
    facts = load_facts(bundled_facts_path()).facts
    assert facts is not None
    index = CrossIndex(facts)
    head = {"file": "x", "ok": True, "problems": [], "counts": {"claims": 1}}
    after = {"health": health_json(index.health())}
    streamed = io.StringIO()
    write_json(head, index.findings, after, streamed)
    whole = {**head, "findings": [finding_json(f) for f in index.findings], **after}
    assert streamed.getvalue() == json.dumps(whole, ensure_ascii=False)
    assert json.loads(streamed.getvalue())["findings"]
    for findings, tail in ((None, {}), ([], {}), ([], after)):
        out = io.StringIO()
        write_json(head, findings, tail, out)
        expected = {**head, **({"findings": []} if findings is not None else {}), **tail}
        assert json.loads(out.getvalue()) == expected


def test_long_lists_are_written_in_pieces_exactly_as_json_dumps_would() -> None:
    head = {"file": "x", "ok": False, "problems": [{"line": 1}] * 1_201, "counts": None}
    after = {"health": {"many": [{"source": f"s{n}", "line": n, "text": "“x”\u2028"}
                                 for n in range(2_345)],
                        "empty": [], "none": {}, "nested": {"a": [[1, 2]] * 1_001, 3: "x"}},
             "more": list(range(1_500))}
    no_findings: list[Finding] = []
    for findings in (None, no_findings):
        out = io.StringIO()
        write_json(head, findings, after, out)
        expected = {**head, **({"findings": []} if findings is not None else {}), **after}
        assert out.getvalue() == json.dumps(expected, ensure_ascii=False)


def test_counts_are_worded_in_the_right_number_and_say_what_they_count() -> None:
    from tui.cli.report import counted, findings_summary, health_text

    assert counted(1, "contradiction") == "1 contradiction"
    assert counted(0, "gap") == "0 gaps"
    assert counted(2, "consistent") == "2 consistent"
    facts = load_facts(bundled_facts_path()).facts
    assert facts is not None
    index = CrossIndex(facts)
    one = [f for f in index.findings if f.kind == "contradiction"][:1]
    assert findings_summary(one) == ("1 finding: 1 contradiction, 0 tensions, 0 gaps, "
                                     "0 consistent")
    # the health report's count is not the findings' (which include computed ones): it says
    # which contradictions it counts
    report = health_text(index.health())
    assert "contradictions the file states, not settled: 1" in report
    assert "unresolved contradictions" not in report
