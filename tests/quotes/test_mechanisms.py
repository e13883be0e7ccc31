"""Quote mechanisms on short US political news sentences written for these tests.

Invented people; one test per mechanism: scare quotes, titles, slogans, fragments, partial
quotes in a reported clause, every cue frame, colon introductions, transcript paragraphs, quotes
over several paragraphs and the speaker's fullest name.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from eventwire.model import Article, Quote


def _quotes(article: Article) -> dict[str, Quote]:
    """The direct quotes of an article by their words (trailing punctuation stripped)."""
    return {q.text.rstrip(",.!?"): q for q in article.quotes if q.direct}


def _speaker(quote: Quote) -> str:
    assert quote.speaker is not None, quote
    return quote.speaker.person or quote.speaker.text


@pytest.fixture(scope="module")
def quotes(process: Callable[..., Article]) -> Callable[[str], dict[str, Quote]]:
    return lambda text: _quotes(process(text))


# -- no speaker, no quote -------------------------------------------------------------------------
def test_scare_quote_with_no_cue_is_unattributed(quotes: Callable[..., dict[str, Quote]]) -> None:
    found = quotes('The "reform" package stalled in committee on Tuesday.')
    assert found["reform"].kind == "unattributed" and found["reform"].speaker is None


def test_show_title_is_unattributed(quotes: Callable[..., dict[str, Quote]]) -> None:
    found = quotes('Senator Ruth Ames said on "Face the Nation" that she would run again.')
    assert found["Face the Nation"].kind == "unattributed"
    assert found["Face the Nation"].speaker is None


def test_slogan_is_unattributed(quotes: Callable[..., dict[str, Quote]]) -> None:
    found = quotes('Supporters waved signs reading "Keep Ohio Working" outside the hall.')
    assert found["Keep Ohio Working"].kind == "unattributed"


def test_fragment_without_cue_in_its_sentence_is_unattributed(
    quotes: Callable[..., dict[str, Quote]],
) -> None:
    found = quotes(
        '"We will fight this in court," Governor Dan Pruitt said. '
        'The "compromise" was never put to a vote.'
    )
    assert found["We will fight this in court"].kind == "quote"
    assert found["compromise"].kind == "unattributed"


def test_full_quote_without_cue_continues_the_speaker_before(
    quotes: Callable[..., dict[str, Quote]],
) -> None:
    found = quotes('"We will win," Mayor Lena Ruiz said. "Our city deserves better."')
    assert found["Our city deserves better"].kind == "quote"
    assert _speaker(found["Our city deserves better"]) == "Lena Ruiz"


# -- partial quotes ---------------------------------------------------------------------------
def test_fragments_of_a_naming_verb_are_partial_quotes(
    quotes: Callable[..., dict[str, Quote]],
) -> None:
    found = quotes('Senator Maria Delgado called the ruling "shameful" and "cowardly" on Tuesday.')
    for words in ("shameful", "cowardly"):
        assert found[words].partial and found[words].kind == "quote"
        assert _speaker(found[words]) == "Maria Delgado"


def test_quoted_words_in_a_reported_clause(process: Callable[..., Article]) -> None:
    article = process('Delgado said the plan was "a disaster for our farmers."')
    fragment = _quotes(article)["a disaster for our farmers"]
    assert fragment.direct and fragment.partial and _speaker(fragment) == "Delgado"
    (clause,) = [q for q in article.quotes if not q.direct]  # the same attribution, reported
    assert clause.speaker is not None and clause.speaker.span == fragment.speaker.span  # type: ignore[union-attr]


def test_standing_quotes_are_not_partial(quotes: Callable[..., dict[str, Quote]]) -> None:
    found = quotes(
        '"We will not back down," Representative Omar Sayed said, "not now and not ever." '
        'Sayed told reporters "The committee has done its job."'
    )
    assert not found["We will not back down"].partial
    assert not found["not now and not ever"].partial  # the second half of one quoted sentence
    assert not found["The committee has done its job"].partial


# -- cue verbs and frames ---------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "words", "speaker"),
    [
        ('Governor Tom Reilly described the bill as "a giveaway to insurers."',
         "a giveaway to insurers", "Tom Reilly"),
        ('"We are not going anywhere," Governor Tom Reilly added.',
         "We are not going anywhere", "Tom Reilly"),
        ('Representative Ann Cole reiterated that the deal was "dead on arrival."',
         "dead on arrival", "Ann Cole"),
        ('"This is outrageous!" exclaimed Senator Bob Hale.', "This is outrageous", "Bob Hale"),
        ('"I will not resign," Senator Bob Hale insisted.', "I will not resign", "Bob Hale"),
        ('Senator Bob Hale wrote on Facebook: "The people have spoken."',
         "The people have spoken", "Bob Hale"),
        ('"Total witch hunt," President Jim Carver tweeted on Friday.',
         "Total witch hunt", "Jim Carver"),
        ('"We are ready to work with anyone," President Jim Carver posted on Facebook.',
         "We are ready to work with anyone", "Jim Carver"),
        ('"Every case will be reviewed," the Justice Department said in a statement.',
         "Every case will be reviewed", "Justice Department"),
        ('"We need more time," Senator Ann Cole told reporters after the vote.',
         "We need more time", "Ann Cole"),
        ('The bill is "plainly unconstitutional," according to Attorney General Lisa Monroe.',
         "plainly unconstitutional", "Lisa Monroe"),
        ('President Jim Carver said: "Nobody has done more for this state."',
         "Nobody has done more for this state", "Jim Carver"),
    ],
)  # fmt: skip
def test_cue_frames(
    quotes: Callable[..., dict[str, Quote]], text: str, words: str, speaker: str
) -> None:
    quote = quotes(text)[words]
    assert quote.kind == "quote"
    assert speaker in _speaker(quote)


def test_passive_naming_is_no_cue(quotes: Callable[..., dict[str, Quote]]) -> None:
    found = quotes('The program is called "Fresh Start Now" in the budget documents.')
    assert found["Fresh Start Now"].kind == "unattributed"


def test_colon_introduction_at_paragraph_end(quotes: Callable[..., dict[str, Quote]]) -> None:
    found = quotes(
        "Speaker Paul Grant told reporters on Capitol Hill:\n\n"
        '"We will pass this bill before the recess. The votes are there."'
    )
    quote = found["We will pass this bill before the recess. The votes are there"]
    assert quote.kind == "quote" and _speaker(quote) == "Paul Grant"
    assert quote.rule == "cue:tell:colon"


def test_transcript_paragraphs(quotes: Callable[..., dict[str, Quote]]) -> None:
    found = quotes(
        "Senator John Ellis spoke to reporters on Monday.\n\n"
        "ELLIS: We have the votes and we will use them.\n\n"
        "Q: When will the vote be held?\n\n"
        "UPDATE: The vote was moved to Thursday."
    )
    quote = found["We have the votes and we will use them"]
    assert quote.rule == "transcript" and _speaker(quote) == "John Ellis"
    assert quote.speaker is not None and quote.speaker.text == "ELLIS"
    assert "When will the vote be held" not in found  # "Q" names nobody
    assert "The vote was moved to Thursday" not in found  # a single word the article never names


def test_quote_over_several_paragraphs(quotes: Callable[..., dict[str, Quote]]) -> None:
    found = quotes(
        "Mayor Karen Bright spoke at the rally.\n\n"
        '"We will rebuild every school in this city. We will hire more teachers.\n\n'
        '"And we will do it without raising taxes," Bright said.'
    )
    first = found["We will rebuild every school in this city. We will hire more teachers"]
    assert first.kind == "quote" and first.rule == "continuation:next"
    assert _speaker(first) == "Karen Bright"


# -- speaker ----------------------------------------------------------------------------------
def test_speaker_takes_the_fullest_name(quotes: Callable[..., dict[str, Quote]]) -> None:
    found = quotes(
        "Senator John Ellis of Ohio opposed the bill. "
        '"This bill is a mistake," Ellis said. He added: "It will cost jobs in every district."'
    )
    later = found["This bill is a mistake"]
    assert later.speaker is not None and later.speaker.text == "Ellis"  # the mention linked
    assert _speaker(later) == "John Ellis"
    pronoun = found["It will cost jobs in every district"]
    assert pronoun.speaker is not None and pronoun.speaker.text == "He"
    assert _speaker(pronoun) == "John Ellis"


def test_role_speaker_takes_the_person_named_in_that_role(
    quotes: Callable[..., dict[str, Quote]],
) -> None:
    found = quotes(
        "Governor Dan Pruitt of Iowa spoke on Monday. "
        '"We will not raise taxes," the governor told reporters.'
    )
    quote = found["We will not raise taxes"]
    assert quote.speaker is not None and quote.speaker.text == "governor"  # the mention linked
    assert _speaker(quote) == "Dan Pruitt"


def test_possessor_of_a_statement_noun_speaks(quotes: Callable[..., dict[str, Quote]]) -> None:
    found = quotes(
        "Senator Ruth Ames spoke for an hour on Tuesday. "
        'Her statement said the plan was "a trap for voters."'
    )
    assert _speaker(found["a trap for voters"]) == "Ruth Ames"


def test_speaker_inside_quoted_words_is_none(process: Callable[..., Article]) -> None:
    article = process(
        '"We will win this fight," Senator Ruth Ames said. '
        'An "unlikely event" said nothing about the "courage of voters," she added.'
    )
    for quote in article.quotes:
        assert quote.speaker is None or "unlikely" not in quote.speaker.text


def test_question_then_cue_in_the_next_sentence(quotes: Callable[..., dict[str, Quote]]) -> None:
    found = quotes('"Are you kidding me?" Senator Ann Cole asked reporters.')
    assert _speaker(found["Are you kidding me"]) == "Ann Cole"


def test_colon_with_no_cue_gives_the_subject(quotes: Callable[..., dict[str, Quote]]) -> None:
    found = quotes(
        'President Jim Carver took to social media on Tuesday night: "The count was rigged!"'
    )
    quote = found["The count was rigged"]
    assert quote.rule == "colon" and _speaker(quote) == "Jim Carver"
    message = quotes('Smith\'s message to donors was blunt: "We need your money now."')
    assert message["We need your money now"].speaker is not None
    assert message["We need your money now"].speaker.text == "Smith"


def test_bill_name_with_a_full_stop_is_a_title(quotes: Callable[..., dict[str, Quote]]) -> None:
    found = quotes('Republicans have dubbed the measure the "Secure Borders Act."')
    assert found["Secure Borders Act"].kind == "unattributed"


def test_standing_quote_after_a_sentence_about_a_person(
    quotes: Callable[..., dict[str, Quote]],
) -> None:
    found = quotes('Senator Ruth Ames was defiant at the rally. "We will win this seat."')
    quote = found["We will win this seat"]
    assert quote.rule == "subject" and _speaker(quote) == "Ruth Ames"
    nobody = quotes('The lights went out in the hall. "We will win this seat."')
    assert nobody["We will win this seat"].kind == "unattributed"


def test_colon_at_paragraph_end_with_no_cue(quotes: Callable[..., dict[str, Quote]]) -> None:
    found = quotes(
        "Senator Ann Cole did not mince words on Thursday:\n\n"
        '"This nomination should never have reached the floor."'
    )
    quote = found["This nomination should never have reached the floor"]
    assert quote.rule == "colon" and _speaker(quote) == "Ann Cole"


def test_dismissed_as_and_the_named_person_over_a_possessive(
    quotes: Callable[..., dict[str, Quote]],
) -> None:
    found = quotes(
        "Senator Ruth Ames said she would win in November. "
        'Her opponent, businessman Dale Pike, dismissed the remark as "wishful thinking."'
    )
    assert _speaker(found["wishful thinking"]) == "Dale Pike"


def test_cue_opening_the_sentence_after_a_full_stop(
    quotes: Callable[..., dict[str, Quote]],
) -> None:
    found = quotes(
        '"We will win," Senator Ruth Ames said. '
        '"Our opponents have no plan for the state." Governor Dan Pruitt said, adding that '
        "the race was close."
    )
    assert _speaker(found["Our opponents have no plan for the state"]) == "Dan Pruitt"
    other = quotes(
        '"We will win," Senator Ruth Ames said. '
        '"Our opponents have no plan." Governor Dan Pruitt said the race was close.'
    )
    assert _speaker(other["Our opponents have no plan"]) == "Ruth Ames"  # his cue reports a clause
