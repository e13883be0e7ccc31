"""The evaluation library and the ``evaluate`` command, on small invented gold files."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from eventwire.cli import main
from eventwire.errors import EvaluationError
from eventwire.evaluate import GoldRecord, load_gold, score
from eventwire.events.ontology import event_type
from eventwire.model import Actor, Article, Event, Mention, Span


def _write(path: Path, records: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def _plover(tmp_path: Path) -> Path:
    return _write(
        tmp_path / "plover.jsonl",
        [
            {
                "id": "P-1",
                "date": "2000-01-01",
                "text": "France condemned Italy on Monday.",
                "events": [
                    {
                        "event_plover_2021": "ACCUSE",
                        "source": [{"actorText": "France", "code": "FRA", "sector": "GOV"}],
                        "target": [{"actorText": "Italy", "code": "ITA"}],
                    }
                ],
            }
        ],
    )


def _petrarch(tmp_path: Path, name: str, extra: list[dict[str, Any]] | None = None) -> Path:
    base = {"noevents": False, "expected_error": None, "skip": False, "included": True}
    return _write(
        tmp_path / name,
        [
            {
                **base,
                "id": "T-1",
                "date": "20150609",
                "date_iso": "2015-06-09",
                "text": "France condemned Italy on Monday.",
                "events": [{"source": "FRA", "target": "ITA", "code": "111"}],
            },
            {**base, "id": "T-2", "text": "Nothing happened.", "events": [], "noevents": True},
            {**base, "id": "T-3", "text": "Skipped.", "events": [], "skip": True},
            {**base, "id": "T-4", "text": "Excluded.", "events": [], "included": False},
            {**base, "id": "T-5", "text": "Bad.", "events": [], "expected_error": "dateline"},
            *(extra or []),
        ],
    )


def _mention(code: str, text: str, start: int) -> Mention:
    actor = Actor(code=code, name=text, country=code[:3])
    return Mention(Span(start, start + len(text)), text, 0, actor, "test", 1.0)


def _article(
    record: GoldRecord, *events: tuple[str, str | None, str | None], same_trigger: bool = True
) -> Article:
    built = []
    for i, (cameo, source, target) in enumerate(events):
        built.append(
            Event(
                event_id=f"e{i}",
                sentence=0,
                sentence_span=Span(0, len(record.text)),
                trigger=Span(0, 1) if same_trigger else Span(i, i + 1),
                type=event_type(cameo),
                source=_mention(source, source, 0) if source else None,
                target=_mention(target, target, 0) if target else None,
                negated=False,
                modality="asserted",
                rule="test",
                confidence=1.0,
            )
        )
    return Article(text=record.text, external_id=record.id, events=tuple(built))


def test_load_plover(tmp_path: Path) -> None:
    (record,) = load_gold(_plover(tmp_path))
    assert record.id == "P-1" and record.format == "plover"
    assert record.date is None  # the placeholder date is dropped
    (event,) = record.events
    assert event.plover_type == "ACCUSE" and event.cameo is None
    assert event.source_codes == ("FRA",) and event.target_codes == ("ITA",)
    assert event.source_sectors == ("GOV",)


def test_load_petrarch_skips_and_no_events(tmp_path: Path) -> None:
    records = load_gold(_petrarch(tmp_path, "p.jsonl"))
    assert [r.id for r in records] == ["T-1", "T-2", "T-5"]
    first = records[0]
    assert first.format == "petrarch" and first.date == dt.date(2015, 6, 9)
    assert first.events[0].cameo == "111"
    assert first.events[0].plover_type == event_type("111").plover_type
    assert records[1].no_events and records[2].no_events and not records[2].events


def test_unknown_cameo_code_has_no_plover_type(tmp_path: Path) -> None:
    extra = {"id": "T-9", "text": "x", "noevents": False,
             "events": [{"source": "FRA", "target": "---", "code": "903"}]}  # fmt: skip
    records = load_gold(_petrarch(tmp_path, "p.jsonl", [extra]))
    assert records[-1].events[0].plover_type is None


def test_perfect_score(tmp_path: Path) -> None:
    records = load_gold(_petrarch(tmp_path, "p.jsonl"))
    predicted = [_article(records[0], ("111", "FRAGOV", "ITA")), _article(records[1])]
    predicted.append(_article(records[2]))
    scores = score(records, predicted)
    assert (scores.type.precision, scores.type.recall, scores.type.f1) == (1.0, 1.0, 1.0)
    assert scores.type_actors.f1 == 1.0
    assert scores.source_accuracy.value == 1.0 and scores.target_accuracy.value == 1.0
    assert scores.exact is not None and scores.exact.correct == 2  # FRAGOV is not FRA
    data = scores.as_dict()
    json.dumps(data)
    assert data["type"]["f1"] == 1.0


def test_misses_and_confusion(tmp_path: Path) -> None:
    (record,) = load_gold(_plover(tmp_path))
    wrong_type = score([record], [_article(record, ("042", "FRA", "ITA"))])
    assert wrong_type.type.tp == 0 and wrong_type.type.recall == 0.0
    assert wrong_type.largest_confusions() == [("ACCUSE", event_type("042").plover_type, 1)]
    wrong_target = score([record], [_article(record, ("111", "FRAGOV", "DEU"))])
    assert wrong_target.type.f1 == 1.0 and wrong_target.type_actors.tp == 0
    assert wrong_target.source_accuracy.value == 1.0
    assert wrong_target.target_accuracy.value == 0.0
    assert wrong_target.sector_accuracy.value == 1.0  # FRAGOV carries the GOV sector
    nothing = score([record], [_article(record)])
    assert nothing.type.gold == 1 and nothing.type.predicted == 0 and nothing.exact is None


def test_empty_gold_target_matches_any(tmp_path: Path) -> None:
    path = _write(tmp_path / "g.jsonl", [{"id": "a", "text": "France accused.", "events": [
        {"event_plover_2021": "ACCUSE", "source": [{"code": "FRA"}], "target": []}]}])  # fmt: skip
    (record,) = load_gold(path)
    assert score([record], [_article(record, ("111", "FRA", None))]).type_actors.tp == 1
    assert score([record], [_article(record, ("111", "FRA", "ITA"))]).type_actors.tp == 1
    assert score([record], [_article(record, ("111", "ITA", None))]).type_actors.tp == 0


def _coordinated(tmp_path: Path) -> GoldRecord:
    path = _write(tmp_path / "c.jsonl", [{"id": "c", "text": "Jordan and Britain agreed.", "events": [
        {"event_plover_2021": "AGREE", "source": [{"code": "JOR"}, {"code": "GBR"}],
         "target": []}]}])  # fmt: skip
    (record,) = load_gold(path)
    return record


def test_plover_coordination_is_one_event(tmp_path: Path) -> None:
    """The coder writes one event per coordinated actor; PLOVER gold lists both on one event."""
    record = _coordinated(tmp_path)
    both = score([record], [_article(record, ("030", "JOR", None), ("030", "GBR", None))])
    assert (both.type.tp, both.type.predicted, both.type_actors.tp) == (1, 1, 1)
    one_wrong = score([record], [_article(record, ("030", "JOR", None), ("030", "ITA", None))])
    assert one_wrong.type.tp == 1 and one_wrong.type_actors.tp == 0
    apart = score(
        [record], [_article(record, ("030", "JOR", None), ("030", "GBR", None), same_trigger=False)]
    )
    assert apart.type.predicted == 2 and apart.type.precision == 0.5


def test_conditional_and_negated_events_are_not_scored(tmp_path: Path) -> None:
    from dataclasses import replace

    record = _coordinated(tmp_path)
    article = _article(record, ("030", "JOR", None))
    (event,) = article.events
    for changed in (replace(event, modality="conditional"), replace(event, negated=True)):
        scores = score([record], [replace(article, events=(changed,))])
        assert scores.type.predicted == 0 and scores.type.tp == 0
    assert score([record], [article]).type.tp == 1


def test_petrarch_pairs_are_scored_one_by_one(tmp_path: Path) -> None:
    records = load_gold(_petrarch(tmp_path, "p.jsonl"))
    twice = _article(records[0], ("111", "FRA", "ITA"), ("111", "FRA", "DEU"))
    scores = score(records[:1], [twice])
    assert scores.type.predicted == 2 and scores.type.tp == 1


def test_malformed_line_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text('{"id": "a", "text": "x", "events": []}\n{not json\n', encoding="utf-8")
    with pytest.raises(EvaluationError, match=r"bad\.jsonl:2"):
        load_gold(path)
    path.write_text('{"id": "a", "text": "x", "events": [{"code": 5}]}\n', encoding="utf-8")
    with pytest.raises(EvaluationError, match=r"bad\.jsonl:1"):
        load_gold(path)


def test_score_needs_one_article_per_record(tmp_path: Path) -> None:
    records = load_gold(_plover(tmp_path))
    with pytest.raises(EvaluationError):
        score(records, [])


def test_cli_evaluate(tmp_path: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(main, ["evaluate", str(_plover(tmp_path)), "--json"])
    assert result.exit_code == 0, result.output
    assert "type+actors" in result.output
    data = json.loads(result.output.strip().splitlines()[-1])
    assert data["records"] == 1 and data["type"]["gold"] == 1


def test_cli_evaluate_malformed_exits_3(tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text("{oops\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["evaluate", str(path)])
    assert result.exit_code == 3
    assert "bad.jsonl:1" in result.output


def test_gold_actor_without_code_is_an_actor_without_country(tmp_path: Path) -> None:
    """Regression: {"actorText": "diplomatic"} with no 'code' crashed with KeyError('code')."""
    path = _write(
        tmp_path / "nocode.jsonl",
        [
            {
                "id": "P-2",
                "date": "2000-01-01",
                "text": "France condemned the diplomatic move.",
                "events": [
                    {
                        "event_plover_2021": "ACCUSE",
                        "source": [{"actorText": "France", "code": "FRA"}],
                        "target": [{"actorText": "diplomatic"}],
                    }
                ],
            }
        ],
    )
    (record,) = load_gold(path)
    assert record.events[0].target_codes == ("",)
    scores = score([record], [_article(record, ("111", "FRA", "ITA"))])
    assert scores.type_actors.tp == 1  # a target without a country matches any predicted one
    wrong_source = score([record], [_article(record, ("111", "DEU", "ITA"))])
    assert wrong_source.type_actors.tp == 0


def test_cli_evaluate_reads_a_settings_file(tmp_path: Path) -> None:
    """`evaluate --config` codes with the file's settings (here: a merge policy that does not
    exist, refused with the available ones)."""
    config = tmp_path / "eventwire.toml"
    config.write_text('[eventwire.stage.events]\nmerge = "nope"\n', encoding="utf-8")
    result = CliRunner().invoke(main, ["evaluate", str(_plover(tmp_path)), "--config", str(config)])
    assert result.exit_code == 3
    assert "unknown merge policy 'nope'" in result.output and "rule+learned" in result.output
