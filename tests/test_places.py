"""The places stage on short articles written for these tests: every mechanism of issue 16."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from eventwire.model import Article, Place


def _by_text(article: Article) -> dict[str, Place]:
    return {p.text: p for p in article.places}


def test_ap_state_abbreviation_qualifies_the_town_before_it(
    process: Callable[..., Article],
) -> None:
    places = _by_text(
        process("A chemical plant exploded in Lebanon, Pa., on Monday, officials said.")
    )
    assert places["Pa."].feature == "admin1" and places["Pa."].admin1 == "PA"
    lebanon = places["Lebanon"]
    assert (lebanon.country, lebanon.admin1, lebanon.feature) == ("USA", "PA", "city")
    assert lebanon.rule == "gazetteer:qualifier"


def test_abbreviation_needs_its_period(process: Callable[..., Article]) -> None:
    article = process("Voters in Springfield, Ill., and Springfield, Mo., went to the polls.")
    found = [(p.text, p.admin1) for p in article.places if p.text == "Springfield"]
    assert found == [("Springfield", "IL"), ("Springfield", "MO")]


def test_an_unresolved_toponym_is_exported_with_a_reason(process: Callable[..., Article]) -> None:
    article = process("Rebels attacked a convoy in Zakhmistan province on Tuesday, the army said.")
    unknown = [p for p in article.places if p.reason is not None]
    assert unknown, [p.text for p in article.places]
    place = unknown[0]
    assert "Zakhmistan" in place.text
    assert (place.lat, place.lon, place.geonameid) == (None, None, None)
    assert place.reason == "not in gazetteer"
    for event in article.events:
        assert event.place is None or "Zakhmistan" not in event.place.name


def test_state_context_picks_the_springfield_of_the_state_named(
    process: Callable[..., Article],
) -> None:
    article = process(
        "Illinois lawmakers returned to Springfield on Tuesday to vote on the state budget."
    )
    springfield = _by_text(article)["Springfield"]
    assert (springfield.country, springfield.admin1) == ("USA", "IL")
    assert springfield.rule == "gazetteer:state-context"


def test_a_country_name_gives_way_to_a_us_state_in_a_story_about_states(
    process: Callable[..., Article],
) -> None:
    article = process(
        "Storms swept across Alabama and Florida on Tuesday. Georgia declared an emergency, "
        "and Georgia officials closed schools."
    )
    georgias = [p for p in article.places if p.text == "Georgia"]
    assert len(georgias) == 2
    assert all((p.feature, p.admin1) == ("admin1", "GA") for p in georgias)


def test_a_country_name_stays_a_country_abroad(process: Callable[..., Article]) -> None:
    article = process("Russia and Georgia traded accusations over the border on Monday.")
    assert _by_text(article)["Georgia"].feature == "country"


def test_repeated_mentions_of_one_name_do_not_vote_for_each_other(
    process: Callable[..., Article],
) -> None:
    # Only "Georgia" itself points at the country Georgia; its repeats must not outvote the
    # state context that Alabama gives.
    article = process(
        "Lawmakers in Alabama debated the bill. Georgia passed a similar law. "
        "Georgia's governor signed it, and Georgia will enforce it in July."
    )
    georgias = [p for p in article.places if p.text.startswith("Georgia")]
    assert georgias and all(p.admin1 == "GA" for p in georgias)


def test_all_caps_dateline_city_and_country(process: Callable[..., Article]) -> None:
    article = process(
        "MARANCHON, SPAIN — Wind turbines line the ridge above the village, and farmers "
        "say the rent they pay keeps the school open."
    )
    places = _by_text(article)
    assert places["MARANCHON"].country == "ESP" and places["MARANCHON"].feature == "city"
    assert places["MARANCHON"].rule.endswith(":dateline")
    assert places["SPAIN"].feature == "country" and places["SPAIN"].country == "ESP"


def test_place_heading_a_local_institution(process: Callable[..., Article]) -> None:
    article = process(
        "The suspect was booked into the Carroll County Jail, and the Oakland Police "
        "Department said the investigation continues."
    )
    places = _by_text(article)
    assert "Carroll County" in places
    oakland = places["Oakland"]
    assert (oakland.country, oakland.admin1) == ("USA", "CA")


def test_country_and_state_points_are_the_entitys_point(process: Callable[..., Article]) -> None:
    places = _by_text(process("Officials in Texas and the United States disagreed."))
    assert (places["Texas"].lat, places["Texas"].lon) == pytest.approx((31.25044, -99.25061))
    us = places["the United States"] if "the United States" in places else places["United States"]
    assert (us.lat, us.lon) == pytest.approx((39.76, -98.5))


def test_a_continent_beats_a_town_of_its_name(process: Callable[..., Article]) -> None:
    article = process("Manila officials said demand across Asia rose, and the Philippines agreed.")
    assert _by_text(article)["Asia"].feature == "continent"


def test_a_big_city_elsewhere_is_not_pulled_into_the_context_country(
    process: Callable[..., Article],
) -> None:
    article = process(
        "U.S. envoys met Taliban officials in Geneva on Monday, the State Department said."
    )
    assert _by_text(article)["Geneva"].country == "CHE"


def test_the_dateline_state_is_context_for_the_story(process: Callable[..., Article]) -> None:
    article = process(
        "HARRISBURG, Pa. (AP) — Crews from Lebanon helped put out a warehouse fire on Sunday, "
        "the fire chief said."
    )
    places = _by_text(article)
    assert places["HARRISBURG"].admin1 == "PA"
    lebanon = places["Lebanon"]
    assert (lebanon.country, lebanon.admin1, lebanon.feature) == ("USA", "PA", "city")


def test_toponyms_from_given_contexts_are_the_same(parsed: Callable[..., Article]) -> None:
    """The places stage hands :func:`toponyms` the sentence contexts it made (issue 18)."""
    from eventwire.context import sentence_contexts
    from eventwire.places import builtin_gazetteer, toponyms

    text = "Rebels shelled Aleppo in Syria. The talks in Geneva and Vienna went on."
    article = parsed(text)
    found = toponyms(article, builtin_gazetteer())
    assert {t.text for t in found} >= {"Syria", "Geneva", "Vienna"}
    assert toponyms(article, builtin_gazetteer(), None, sentence_contexts(article)) == found


def test_a_small_place_of_a_country_the_article_never_names_stays_unresolved(
    process: Callable[..., Article],
) -> None:
    """ "Borno" is only an Italian village in the gazetteer: a Nigerian story is not placed in
    Italy, nor is "Korea" a hamlet in Côte d'Ivoire."""
    places = _by_text(process("Nigerian soldiers freed hostages in Borno as Korea watched."))
    assert places["Borno"].country is None and places["Borno"].reason is not None
    assert places["Korea"].country is None


def test_a_small_place_resolves_where_the_article_names_its_country(
    process: Callable[..., Article],
) -> None:
    places = _by_text(process("Italian police searched homes in Borno, near Brescia, on Monday."))
    assert places["Borno"].country == "ITA"
