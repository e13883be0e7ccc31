"""Every stage is linear in the length of an article (issue 18).

One long article is built from varied wire paragraphs written for this test (actors, quotes,
dates, places, events), at 100k and 400k characters. The lengths go through the real pipeline in
three rounds; the seconds of each stage come from the pipeline's own :class:`StageTimer` (its
fastest round, as the machine is shared). Four times the length may take at most about four
times as long (6.4 allows for a busy machine); a stage that scans the whole article once per
mention, sentence or event takes sixteen times as long. Ratios are compared, never absolute
times: comparing lengths four times apart rather than two keeps linear and quadratic far apart
(a linear stage once read 2.7x for a doubling on a busy CI machine, over the old 2.6 limit).
"""

from __future__ import annotations

import datetime as dt
import gc

import pytest

from eventwire.model import Article
from eventwire.pipeline import Pipeline
from eventwire.settings import Settings

PARAGRAPHS = (
    "CARACAS, Jan 25 (Reuters) - Venezuelan opposition leader Juan Guaido called on the army on "
    "Friday to back him, two days after he declared himself interim president in Caracas. "
    "President Nicolas Maduro accused the United States of staging a coup.",
    "“We will not give up,” Guaido told supporters in eastern Caracas. “The armed forces must "
    "choose between the constitution and the usurper,” he said, adding that protests would "
    "resume next week.",
    "Russian Foreign Minister Sergei Lavrov warned Washington against any military intervention "
    "in Venezuela, the ministry said in a statement on Saturday. China urged all sides to "
    "respect the sovereignty of the country.",
    "Colombian police arrested 12 people near the border town of Cucuta on Thursday after "
    "clashes with Venezuelan soldiers, officials said. Brazil sent aid trucks to Boa Vista.",
    "The European Union gave Maduro eight days to call new elections. Spain, France and Germany "
    "said they would recognise Guaido if no vote was announced by Feb. 3.",
    "In Geneva, the UN human rights office said at least 40 people had been killed in the "
    "unrest since Jan. 21, and it called for an independent investigation into the deaths.",
    "Turkish President Tayyip Erdogan telephoned Maduro to express his support, according to "
    "a spokesman in Ankara. Iran and Syria also condemned what they called foreign meddling.",
    "Oil prices rose on Monday as traders weighed the risk of US sanctions on the state oil "
    "company PDVSA. Analysts in London said exports to India could fall by half this year.",
    "Mexican and Uruguayan diplomats met in Montevideo on Wednesday and offered to mediate "
    "between the government and the opposition, the foreign ministry of Uruguay said.",
    "Hundreds of doctors marched in Maracaibo last weekend to demand medicine for hospitals, "
    "and the National Assembly approved a law offering amnesty to soldiers who defect.",
    "Secretary of State Mike Pompeo told the Security Council in New York that the time had "
    "come to stand with the Venezuelan people. Russia vetoed a draft resolution within hours.",
    "Peru and Chile recalled their ambassadors, while Cuba sent a delegation to Havana's "
    "embassy in Caracas for talks that lasted until Tuesday night, state media reported.",
)

SIZES = (100_000, 400_000)  # the longer four times the shorter
RUNS = 3  # rounds over all lengths; each stage's fastest round counts
#: Four times the length may multiply a stage's time by this much (4 is linear; 16 quadratic).
MOST = 6.4
#: Stages faster than this at the longer length are below what a busy 2-core machine times
#: reliably (the time stage once measured 0.17 s → 0.46 s under load, and 0.2 s → 0.4 s alone);
#: a quadratic stage is seconds at these lengths (places took 7 s at 320k before issue 18).
TOO_SHORT = 0.5


def article_of(chars: int) -> Article:
    """An article of about ``chars`` characters: the paragraphs again and again."""
    paragraphs: list[str] = []
    size = 0
    while size < chars:
        paragraph = PARAGRAPHS[len(paragraphs) % len(PARAGRAPHS)]
        paragraphs.append(paragraph)
        size += len(paragraph) + 2
    return Article(text="\n\n".join(paragraphs), date=dt.date(2019, 1, 26))


def stage_seconds(pipeline: Pipeline, article: Article) -> dict[str, float]:
    """Each stage's seconds for one run of the article, from the pipeline's timer.

    Python's cyclic garbage collector is paused during the run: it passes over the whole heap
    whenever the heap has grown by a quarter and charges that pass to whichever stage happens to
    allocate then. Its total work grows linearly, but it makes the times of single stages of one
    long article lumpy (0.2 s on one stage, none on the next).
    """
    gc.collect()
    gc.disable()
    try:
        pipeline.timer.seconds.clear()
        [done] = pipeline.process_batch([article])
    finally:
        gc.enable()
    assert not done.errors and done.events and done.quotes and done.places
    seconds = dict(pipeline.timer.seconds)
    seconds["all"] = sum(seconds.values())
    return seconds


@pytest.mark.slow
def test_four_times_the_length_takes_about_four_times_as_long_per_stage() -> None:
    pipeline = Pipeline(Settings(article_seconds=0))
    pipeline.process_batch([article_of(2_000)])  # load the model and the tables
    articles = [article_of(size) for size in SIZES]
    times: list[dict[str, float]] = [{} for _ in SIZES]
    for _ in range(RUNS):  # every length in each round, so that a busy spell hits them all
        for found, article in zip(times, articles, strict=True):
            for name, seconds in stage_seconds(pipeline, article).items():
                found[name] = min(found.get(name, seconds), seconds)
    slow: list[str] = []
    before, after = times
    for name, seconds in after.items():
        if seconds >= TOO_SHORT and seconds > MOST * before[name]:
            slow.append(
                f"{name}: {before[name]:.2f} s at {SIZES[0]:,} characters, "
                f"{seconds:.2f} s at {SIZES[1]:,}"
            )
    assert not slow, "grows faster than the article: " + "; ".join(slow)
