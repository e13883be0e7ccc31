"""The ``actors`` stage: find actor mentions in parsed sentences and resolve them to codes.

Finding: one scan per sentence over one actor-phrase engine (:mod:`eventwire.actors.phrases`).
At each token the engine lists the phrases starting there, in this precedence (the first one
the resolver accepts is the hit, and the scan goes on after it):

A. with dictionaries configured (``Settings.dictionaries``), the dictionaries' actor entries,
   longest first — before anything of the built-in lexicon, however long. An entry is passed
   over when it has no code on the article's date (the latest code when the article has no
   date; see :mod:`eventwire.actors.dictionaries`) or when its code is a "no code" marker;
B. the built-in lexicon, longest first; at one length an organisation, then a country, then a
   role noun, then a well-known person's name (a name is passed over when it stands for
   someone else here: see 1. below), then an ethnic or religious group's word ("Kurds",
   "Kurdish": ``groups.tsv``; passed over before a proper noun: "Tamil Nadu");
C. with dictionaries, their agent nouns (``PRESIDENT [~GOV]``), longest first, as role nouns
   (a prefix agent, ``[IGO~]``, is passed over).

Tokens of PERSON entities that no phrase covers, and surnames the article introduced before,
are person hits too (they come from the parse, not from a table).

Resolving a mention (its hits grouped by noun phrase; first that applies decides, recorded in
``Mention.rule``):
0. a dictionary entry (``dict:<FILE>:<ENTRY>``) with its code of the article's date. An entry
   whose code is a bare three-letter country (``[VEN]``) acts as a country in step 3
   (``dict:...:VENEZUELA+role``); a full code (``VENGOV``, ``IGOUNO``) decides alone;
1. a well-known person from the built-in people table (``people:<NAME>``) — the code of the
   role the person held on the article's date ("President Bush", "Mubarak", "Bill Clinton");
   a surname alone is taken only when no other given name is written before it ("Luis
   Ortega" is not Daniel Ortega) and the article has not introduced someone else by it;
2. an organisation in the noun phrase (``org:``) — its IGO/NGO code, or the code of an armed
   group or party ("Hezbollah fighters" → the Hezbollah code); officials of an organisation
   take its code ("European Community foreign ministers");
2b. a group word in the noun phrase (``ethnic:<why>``; code country + sector + group code,
   "SYRCVLKUR"): the country of a nationality adjective ("Syrian Kurds": ``ethnic:country``),
   else the group's one home country ("Rohingya": ``ethnic:home``), else the place named in
   its phrase ("Kurdish residents of Afrin": ``ethnic:place``) or, for people who take the
   country where they are, the one place of its sentence's verbs ("Hundreds of Kurds marched
   in Qamishli": ``ethnic:sentence-place``; see :mod:`eventwire.actors.groups`); else a role
   noun's country as in 6. ("Kurdish officials"), else the dateline's country
   (``ethnic:dateline``), else none (``ethnic:none``, code ``---CVLKUR``). A group adjective
   with no role noun ("the Kurdish town") is no mention;
3. a country in the noun phrase (``country:<kind>``) plus a role noun's sector (``+role``)
   — the title pattern ("US Secretary of State Mike Pompeo");
4. a person already introduced in the article (``person:coref``), or a pronoun (``pronoun``;
   ``pronoun:speaker`` for "it"/"they" as the subject of what an actor said: "Hungary said
   it would ..."; ``pronoun:quote`` for "I"/"we" as the subject of an actor's quoted words:
   '"We will not allow it," the minister said');
5. a counted, definite plural ("the two governments", "both sides", "the three countries")
   stands for as many actors named before it (``group:<CODE>+<CODE>``; the mention has no
   actor of its own and lists them in ``Mention.group``; the coders make one event per actor,
   as for a coordination). Going back sentence by sentence from the phrase (the subject of the
   verb it is the object of left out: "the EU urged both sides"), the first sentences naming
   that many actors decide: for a role noun ("the two leaders") exactly that many people named
   there, else exactly that many countries (with the role's sector: "governments" →
   ``JPNGOV``, ``KORGOV``), else, for "sides" and "parties", exactly that many actors ("the
   army and the rebels"). Anything else leaves the phrase unresolved, never a third country;
6. a role noun alone takes the actor it serves, named in its own phrase ("a spokesman for the
   North Korean foreign ministry", "police in Kabul": ``role:of``); a group noun takes the
   country of a place its phrase names ("residents of Afrin", "villagers near Mosul":
   ``role:place``) and, for civilians and armed groups, of the one place of its sentence's
   verbs ("protesters marched in Maracaibo": ``role:sentence-place``), else, after the
   sentence's nearest country, the dateline's (``context:dateline``). An unnamed titled speaker
   (a title of the role table such as spokesman or minister, not a group noun such as
   "officials" or "rebels", that is the subject of a speech verb, the Y of "X quoted Y as
   saying" or of "according to Y") then takes the country of whoever quotes him ("North
   Korea's news agency quoted a military spokesman": ``role:quoted``), then the nearest
   country of the sentence, then the article's only when the article is about one country
   (:func:`_dominant`) — never merely the one it names most. Other role nouns take their
   country from the sentence, then the article's most frequent (``context:``).

"The North" and "the South" stand for the one country named before whose name they begin
("North Korea": ``country:ellipsis``).

Without dictionaries, A, C and step 0 never apply and the result is that of the built-in
lexicon.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, Final, Literal

from eventwire.actors.dictionaries import (
    ActorDictionary,
    Agent,
    DictEntry,
    DictRecord,
    load_dictionaries,
)
from eventwire.actors.groups import Whereabouts, group_actor
from eventwire.actors.lexicon import (
    CountryEntry,
    GroupEntry,
    Lexicon,
    Namesakes,
    OrganisationEntry,
    PersonEntry,
    RoleEntry,
    pick_person,
)
from eventwire.actors.misspelt import MisspeltCountries, subdivision_words
from eventwire.actors.phrases import Match, MatchMemo, PhraseEngine
from eventwire.actors.sectors import sector_name
from eventwire.chars import QUOTE_TOKENS
from eventwire.context import SentenceContext, sentence_contexts
from eventwire.errors import DictionaryError
from eventwire.gazetteer import Gazetteer, builtin_gazetteer
from eventwire.lang import ActorWords, LanguageData
from eventwire.model import Actor, Article, Mention, Span
from eventwire.quotes.speakers import CueWords, cue_subject, quoting_subject
from eventwire.settings import Settings

HitKind = Literal["dict", "org", "country", "role", "person", "group", "ethnic"]

# Dependency relations that tie a modifier to the noun phrase it belongs to.
_PHRASE_DEPS = frozenset({"compound", "amod", "nmod", "poss", "appos", "nummod", "case"})
_PLURAL_TAGS = frozenset({"NNS", "NNPS"})
#: Rules that resolve a mention by its own words: the actors a group phrase may refer back to.
_NAMING_RULES = ("country:", "org:", "dict:", "people:", "person:coref")
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
#: Rules of role mentions waiting for the article's country (a speaker's waits for more).
_PENDING = "context:pending"
_SPEAKER_PENDING = "context:pending-speaker"
#: Sectors of group nouns that take the country where they are (the annotation guide: civilians
#: and protesters where they are, a non-state armed group where it fights).
_WHERE_THEY_ARE = frozenset({"CVL", "REL", "REB", "UAF", "RAD", "SEP"})
#: Entries the resolver's phrase memo may hold before it starts again (a few tens of MB).
_MEMO_ENTRIES = 200_000


def configured_lexicon(settings: Settings) -> Lexicon:
    """The built-in actor tables (countries, organisations, roles, people): the one lexicon the
    ``actors`` and ``places`` stages share."""
    return Lexicon.builtin()


def configured_dictionary(settings: Settings) -> ActorDictionary | None:
    """The actor dictionaries named by ``settings.dictionaries`` (``None`` when there are none)."""
    paths = settings.dictionaries
    return load_dictionaries(paths) if paths is not None else None


def actor_phrases(lexicon: Lexicon, dictionary: ActorDictionary | None = None) -> PhraseEngine:
    """The one phrase engine of the ``actors`` stage, its tables in the precedence of the module
    docstring: the dictionaries' actor entries, then the lexicon's tables, then agent nouns."""
    if dictionary is None:
        return PhraseEngine([lexicon.tables])
    return PhraseEngine([[dictionary.actors], lexicon.tables, [dictionary.agents]])


@dataclass(frozen=True, slots=True)
class Hit:
    """A lexicon or entity match over tokens ``[start, end)`` of one spaCy doc."""

    kind: HitKind
    start: int
    end: int
    rule: str
    code: str | None = None  # organisation code, or ISO-3 country
    name: str | None = None
    sector: str | None = None
    person_title: bool = False
    person: bool = False  # a dictionary entry over a PERSON entity
    people: GroupEntry | None = None  # an ethnic or religious group's word ("Kurds")


@dataclass(slots=True)
class _Person:
    name: str
    actor: Actor | None
    role: str | None


#: Arabic articles written onto a surname: "al-Sudani" is "Sudani" too.
_SURNAME_ARTICLES: Final = ("al-", "el-", "Al-", "El-")


def _short_names(words: Sequence[str]) -> list[str]:
    """Other single words a later sentence may call a person by: the surname without its Arabic
    article ("Sudani" for "al-Sudani") and the first word, which is the family name where it is
    written first ("Kim" for "Kim Jong Un", "Xi" for "Xi Jinping") and how a quote addresses a
    person ("Thanks, Mike")."""
    if len(words) < 2:
        return []
    aliases = [words[-1][len(a) :] for a in _SURNAME_ARTICLES if words[-1].startswith(a)]
    first = words[0]
    if first[:1].isupper() and first.isalpha() and len(first) > 1:
        aliases.append(first)
    return [a for a in aliases if a]


@dataclass(frozen=True, slots=True)
class _Named:
    """An actor named by its own words (not inferred), for group phrases to refer back to."""

    sentence: int
    span: Span
    actor: Actor
    person: bool


@dataclass(slots=True)
class _ArticleContext:
    """What the resolver has learnt so far in one article (people, countries, named actors).

    ``people`` maps a full name and a surname to the person last remembered by it; ``_roles``
    indexes its keys by the role of the person each holds, so that a role is looked up without
    a pass over everyone the article named (``_order``: when each key was first added, which is
    its place in ``people``).
    """

    people: dict[str, _Person]
    countries: Counter[str]
    last_person: _Person | None = None
    date: dt.date | None = None  # the article's date, for dated dictionary codes
    current: Counter[str] = field(default_factory=Counter)  # countries of this sentence
    memo: MatchMemo = field(default_factory=MatchMemo)  # phrase lookups (the resolver's)
    _roles: dict[str, dict[str, None]] = field(default_factory=dict)
    _order: dict[str, int] = field(default_factory=dict)
    named: list[_Named] = field(default_factory=list)
    speakers: Mapping[int, Any] = field(default_factory=dict)  # this sentence: speaker → cue
    article: Article | None = None  # for the dateline's country, looked up when first needed
    _dateline: list[str | None] = field(default_factory=list)  # [the country] once looked up

    def note(self, mention: Mention) -> None:
        if mention.actor is not None and mention.rule.startswith(_NAMING_RULES):
            named = _Named(
                mention.sentence, mention.span, mention.actor, mention.person is not None
            )
            self.named.append(named)

    def person(self, text: str) -> _Person | None:
        return self.people.get(text) or self.people.get(text.split()[-1])

    def remember(self, person: _Person) -> None:
        words = person.name.split()
        surname = words[-1]
        known = self.people.get(surname)
        self._set(person.name, person)
        if known is None or known.actor is None or known.name == person.name:
            self._set(surname, person)
        for alias in _short_names(words):
            if alias not in self.people:  # never taken from someone's surname
                self._set(alias, person)
        self.last_person = person

    def _set(self, key: str, person: _Person) -> None:
        before = self.people.get(key)
        if before is not None and before.role:
            self._roles[before.role].pop(key, None)
        self.people[key] = person
        self._order.setdefault(key, len(self._order))
        if person.role:
            self._roles.setdefault(person.role, {})[key] = None

    def only_holder(self, role: str | None) -> _Person | None:
        """The person remembered with this role when all its holders have one name (the first
        of them in ``people``), else ``None``."""
        keys = self._roles.get(role or "")
        if not keys:
            return None
        names = {self.people[key].name for key in keys}
        if len(names) != 1:
            return None
        return self.people[min(keys, key=self._order.__getitem__)]

    def sentence_countries(self, found: Iterable[str]) -> None:
        """Count the countries of a new sentence (those before it stay :meth:`earlier`)."""
        self.current = Counter(found)
        self.countries.update(self.current)

    def earlier(self) -> Counter[str]:
        """The countries of the sentences before this one."""
        return self.countries - self.current


class ActorResolver:
    """The ``actors`` stage, built once per pipeline around a lexicon (and dictionaries)."""

    def __init__(
        self,
        lexicon: Lexicon,
        dictionary: ActorDictionary | None = None,
        *,
        lang: LanguageData,
        gazetteer: Callable[[], Gazetteer] = builtin_gazetteer,
    ) -> None:
        self.lexicon = lexicon
        self.dictionary = dictionary
        self.phrases = actor_phrases(lexicon, dictionary)
        self.lang = lang
        self.words: ActorWords = lang.actors
        self.cues = CueWords.of(lang)
        self.misspelt = MisspeltCountries.of(lexicon.country_names(), known=subdivision_words())
        self.whereabouts = Whereabouts(lexicon, gazetteer, lang.actors.locative)
        #: Phrase lookups kept from article to article (they depend on the text only).
        self._memo = MatchMemo()

    @classmethod
    def from_settings(cls, settings: Settings, lang: LanguageData) -> ActorResolver:
        """The resolver over the configured lexicon (built-in tables and dictionaries)."""
        return cls(configured_lexicon(settings), configured_dictionary(settings), lang=lang)

    def run(self, article: Article) -> Article:
        memo = self._memo.bounded(_MEMO_ENTRIES)
        context = _ArticleContext(
            people={}, countries=Counter(), date=article.date, memo=memo, article=article
        )
        mentions: list[Mention] = []
        for parsed in sentence_contexts(article):
            sentence, sent, offset = parsed.record, parsed.sent, parsed.offset
            first = len(mentions)
            hits = self._hits(sent, context, parsed.entities)
            context.sentence_countries(self._hit_countries(hits))
            context.speakers = _speakers(sent, self.cues)
            groups = sorted(_group(sent, hits), key=lambda g: min(h.start for h in g))
            pronouns = _pronoun_tokens(sent, self.lang.person_pronouns)
            for group in groups:
                start = min(h.start for h in group)
                while pronouns and pronouns[0].i < start:
                    mentions.extend(_pronoun(pronouns.pop(0), offset, sentence.index, context))
                mention = self._mention(group, sent, offset, sentence.index, hits, context)
                if mention is not None:
                    mentions.append(mention)
                    context.note(mention)
            for token in pronouns:
                mentions.extend(_pronoun(token, offset, sentence.index, context))
            mentions.extend(_speaker_pronouns(parsed.with_mentions(mentions[first:]), self.lang))
        # Mention text as given (the parse saw the normalised copy, same offsets).
        mentions = sorted(
            (replace(m, text=m.span.text_of(article.text)) for m in mentions),
            key=lambda m: (m.span.start, m.span.end),
        )
        return replace(article, mentions=tuple(self._fill_context(mentions, context)))

    def _fill_context(self, mentions: list[Mention], context: _ArticleContext) -> list[Mention]:
        """Role mentions still without a country take the article's most frequent country; a
        speaker only the country the article is about (:func:`_dominant`), else none."""
        if not context.countries:
            return [
                replace(m, rule=_PENDING) if m.rule == _SPEAKER_PENDING else m for m in mentions
            ]
        most = context.countries.most_common(1)[0][0]
        dominant = _dominant(context.countries)
        filled = []
        for m in mentions:
            if m.actor is None or m.rule not in (_PENDING, _SPEAKER_PENDING):
                filled.append(m)
                continue
            iso3 = most if m.rule == _PENDING else dominant
            if iso3 is None:  # a spokesman in a story of several countries: his is unknown
                continue
            actor = self._country_actor(iso3, m.actor.sector)
            filled.append(replace(m, actor=actor, rule="context:article", confidence=0.5))
        return filled

    def _hit_countries(self, hits: list[Hit]) -> Iterator[str]:
        for hit in hits:
            if hit.kind == "country" and hit.code:
                yield hit.code
            elif hit.kind in ("dict", "org") and hit.code and self._known_country(hit.code[:3]):
                yield hit.code[:3]

    # -- finding hits ---------------------------------------------------------------------
    def _hits(self, sent: Any, context: _ArticleContext, ents: Sequence[Any]) -> list[Hit]:
        """Phrase hits left to right (the first accepted match at each token; see the module
        docstring), then PERSON entities and known surnames on the tokens left over."""
        hits: list[Hit] = []
        tokens = [t.text_with_ws for t in sent]
        i = sent.start
        while i < sent.end:
            if not self.phrases.may_start(tokens[i - sent.start], context.memo):
                i += 1  # most words start no phrase of any table
                continue
            matches = self.phrases.matches(tokens, i - sent.start, memo=context.memo)
            hit = next(
                (h for m in matches if (h := self._accept(m, sent, i, hits, context)) is not None),
                None,
            )
            if hit is None:
                i += 1
                continue
            hits.append(hit)
            i = hit.end
        taken = {i for h in hits for i in range(h.start, h.end)}
        hits.extend(self._compass_hits(sent, taken, hits, context))
        hits.extend(self._misspelt_hits(sent, taken))
        hits.extend(_group_hits(sent, taken, self.words, self.lang.timex.numbers))
        hits.extend(_person_hits(sent, ents, taken, context))
        return sorted(hits, key=lambda h: h.start)

    def _misspelt_hits(self, sent: Any, taken: set[int]) -> Iterator[Hit]:
        """A country name with one wrong letter ("Afganistan"; :mod:`eventwire.actors.misspelt`)
        on a proper noun no table or person entity took."""
        for token in sent:
            if token.i in taken or token.pos_ != "PROPN" or token.ent_type_ == "PERSON":
                continue
            iso3 = self.misspelt.country(token.text)
            if iso3 is not None:
                taken.add(token.i)
                yield Hit("country", token.i, token.i + 1, "country:misspelt", code=iso3)

    def _compass_hits(
        self, sent: Any, taken: set[int], hits: list[Hit], context: _ArticleContext
    ) -> Iterator[Hit]:
        """ "the North" for the one country named before whose name begins with "North"."""
        doc = sent.doc
        for token in sent:
            if token.i in taken or token.text not in self.words.compass or token.pos_ != "PROPN":
                continue
            after = doc[token.i + 1] if token.i + 1 < sent.end else None
            if token.i == sent.start or doc[token.i - 1].lower_ not in self.words.definite:
                continue
            if after is not None and after.pos_ == "PROPN":  # "the North Atlantic"
                continue
            named = set(context.countries) | {
                h.code for h in hits if h.kind == "country" and h.code and h.start < token.i
            }
            prefix = token.text + " "
            found = {c for c in named if (self._known_country(c) or "").startswith(prefix)}
            if len(found) == 1:
                taken.add(token.i)
                yield Hit("country", token.i, token.i + 1, "country:ellipsis", code=found.pop())

    def _accept(
        self, match: Match, sent: Any, start: int, hits: list[Hit], context: _ArticleContext
    ) -> Hit | None:
        """The hit a match makes over tokens ``[start, start + length)``, or ``None`` when it
        is passed over."""
        end = start + match.length
        value = match.value
        if isinstance(value, DictRecord):
            entry = value.on(context.date)
            if entry is None or not entry.coded:
                return None
            person = any(t.ent_type_ == "PERSON" for t in sent.doc[start:end])
            return self._entry_hit(entry, start, end, person)
        if isinstance(value, OrganisationEntry):
            return Hit("org", start, end, f"org:{value.kind}", code=value.code, name=value.name)
        if isinstance(value, CountryEntry):
            sector = value.sector if value.kind == "metonym" else None
            rule = f"country:{value.kind}"
            return Hit("country", start, end, rule, code=value.iso3, sector=sector)
        if isinstance(value, RoleEntry):
            return Hit(
                "role",
                start,
                end,
                "role",
                name=value.phrase,
                sector=value.sector,
                person_title=value.person_title,
            )
        if isinstance(value, Namesakes):
            return self._person_hit(sent, start, end, value.people, hits, context)
        if isinstance(value, GroupEntry):
            return _people_hit(value, sent, start, end)
        if isinstance(value, Agent):  # a role noun the built-in lexicon does not have
            sector = value.sector
            if sector is None or len(sector) < 3:
                return None
            return Hit(
                "role", start, end, "role", name=_noun(sent.doc, start, end), sector=sector[:3]
            )
        raise TypeError(f"no hit for a {type(value).__name__} from table {match.table!r}")

    def _person_hit(
        self,
        sent: Any,
        start: int,
        end: int,
        entries: tuple[PersonEntry, ...],
        hits: list[Hit],
        context: _ArticleContext,
    ) -> Hit | None:
        """A well-known person named by tokens ``[start, end)``, with the code of the date."""
        doc = sent.doc
        words = [t for t in doc[start:end] if t.tag_ != "POS"]
        if len(words) == 1:  # a surname (or short name) alone: someone else's, maybe
            covered = {i for h in hits for i in range(h.start, h.end)}
            entries = _same_given_name(sent, start, end, covered, entries, self.lang.honorifics)
            known = context.people.get(words[0].text)
            if known is not None and all(known.name not in e.names for e in entries):
                return None
        picked = pick_person(entries, context.date)
        if picked is None:
            return None
        person, code = picked
        rule = f"people:{person.name}"
        return Hit("dict", start, end, rule, code=code, name=person.name, person=True)

    def _entry_hit(self, entry: DictEntry, start: int, end: int, person: bool) -> Hit:
        if len(entry.code) == 3:  # a bare country (or other actor) code: combines with roles
            name = self._known_country(entry.code) or entry.label
            return Hit("country", start, end, entry.rule, code=entry.code, name=name)
        return Hit("dict", start, end, entry.rule, code=entry.code, name=entry.label, person=person)

    def _known_country(self, code: str) -> str | None:
        try:
            return self.lexicon.country_name(code)
        except DictionaryError:
            return None

    # -- building mentions ----------------------------------------------------------------
    def _mention(
        self,
        group: list[Hit],
        sent: Any,
        offset: int,
        sentence: int,
        hits: list[Hit],
        context: _ArticleContext,
    ) -> Mention | None:
        doc = sent.doc
        start = doc[min(h.start for h in group)].idx + offset
        last = doc[max(h.end for h in group) - 1]
        span = Span(start, last.idx + len(last.text) + offset)
        text = doc[min(h.start for h in group) : max(h.end for h in group)].text
        person_hit = next((h for h in group if h.kind == "person"), None)
        role_hit = next((h for h in group if h.kind == "role"), None)
        shared = _shared_role(group, doc, hits) if role_hit is None else None
        if shared is not None:  # "Hungarian and Romanian officials": Romanian officials too
            group = [*group, shared]
            role_hit = shared
        people = next((h for h in group if h.kind == "ethnic"), None)
        if people is not None and not any(h.kind in ("dict", "org", "person") for h in group):
            found = self._people(people, group, role_hit, sent, hits, context)
            if found is None:
                return None
            role = role_hit.name if role_hit else None
            return Mention(span, text, sentence, *found, role, None)
        actor, rule, confidence = self._actor(group, context)
        role = role_hit.name if role_hit else None
        person_name = (person_hit.name or "") if person_hit is not None else None
        dict_person = next((h for h in group if h.kind == "dict" and h.person), None)
        if person_name is None and dict_person is not None:
            tokens = doc[dict_person.start : dict_person.end]
            person_name = " ".join(t.text for t in tokens if t.tag_ != "POS")
            if dict_person.rule.startswith("people:") and dict_person.name:
                person_name = dict_person.name
        if person_name is not None:
            known = context.person(person_name)
            if actor is None and known is not None and known.actor is not None:
                actor, rule, confidence = known.actor, "person:coref", 0.75
                role = role or known.role
            elif actor is None and role_hit is not None:
                actor, rule, confidence = self._role_alone(
                    role_hit, sent, hits, context, named=True
                )
            person = _Person(known.name if known and not role_hit else person_name, actor, role)
            context.remember(person)
            return Mention(span, text, sentence, actor, rule, confidence, role, person.name)
        counted = role_hit or next((h for h in group if h.kind == "group"), None)
        if actor is None and counted is not None:
            head = doc[_phrase_head(doc, counted)]
            count = _count(head, self.words, self.lang.timex.numbers)
            if count is not None:  # "the two governments": those named before, or nobody
                members = self._members(counted, head, count, offset, context)
                if not members:
                    return None
                rule = "group:" + "+".join(a.code for a in members)
                return Mention(span, text, sentence, None, rule, 0.6, role, None, group=members)
        if actor is None and role_hit is not None:
            actor, rule, confidence = self._role_alone(role_hit, sent, hits, context)
        if actor is None:
            return None
        return Mention(span, text, sentence, actor, rule, confidence, role, None)

    def _people(
        self,
        people: Hit,
        group: list[Hit],
        role: Hit | None,
        sent: Any,
        hits: list[Hit],
        context: _ArticleContext,
    ) -> tuple[Actor, str, float] | None:
        """An ethnic or religious group's phrase ("Syrian Kurds", "Kurdish residents of Afrin",
        "hundreds of Tamils"): its country from a nationality adjective, the group's home
        country, the place in its phrase, the place of its sentence (for people who take the
        country where they are), else, with a role noun ("Kurdish officials"), the role
        noun's country as without the group word, else the dateline's country, else none
        (``ethnic:`` rules). ``None``: an adjective modifying no actor ("the Kurdish town")."""
        entry = people.people
        assert entry is not None
        doc = sent.doc
        head = doc[_phrase_head(doc, people)]
        if role is None and not (entry.noun and people.start <= head.i < people.end):
            return None
        sector = role.sector if role is not None and role.sector else entry.sector
        country = next((h.code for h in group if h.kind == "country" and h.code), None)
        found = self._people_country(country, entry, sector, head, sent, hits, context)
        if found is None and role is not None:
            actor, rule, confidence = self._role_alone(role, sent, hits, context)
            if actor is None or actor.country is None:
                return (actor, rule, confidence) if actor is not None else None
            found = actor.country, rule, confidence
        iso3, rule, confidence = found or self._people_elsewhere(context)
        name = self._known_country(iso3) if iso3 else None
        return group_actor(iso3, sector, entry, name), rule, confidence

    def _people_country(
        self,
        country: str | None,
        entry: GroupEntry,
        sector: str,
        head: Any,
        sent: Any,
        hits: list[Hit],
        context: _ArticleContext,
    ) -> tuple[str, str, float] | None:
        """(country, rule, confidence) of a group phrase from its own words and its sentence's
        place; see :meth:`_people`."""
        if country is not None:
            return country, "ethnic:country", 0.85
        if entry.home is not None:
            return entry.home, "ethnic:home", 0.8

        def bare(token: Any) -> str | None:
            return self._bare_country(token, hits, context)

        found = self.whereabouts.in_phrase(head, bare)
        if found is not None:
            return found, "ethnic:place", 0.75
        found = self.whereabouts.in_sentence(sent, bare) if sector in _WHERE_THEY_ARE else None
        if found is not None:
            return found, "ethnic:sentence-place", 0.65
        return None

    def _people_elsewhere(self, context: _ArticleContext) -> tuple[str | None, str, float]:
        """A group phrase of no country by its words nor its sentence: the dateline's, else
        none (an actor of no country rather than a wrong one)."""
        found = self._dateline_country(context)
        if found is not None:
            return found, "ethnic:dateline", 0.5
        return None, "ethnic:none", 0.3

    def _placed(
        self, role: Hit, head: Any, sent: Any, hits: list[Hit], context: _ArticleContext
    ) -> tuple[Actor, str, float] | None:
        """A group noun placed by its own phrase ("residents of Afrin", "troops in Mosul":
        ``role:place``); people who take the country where they are (civilians, armed groups:
        :data:`_WHERE_THEY_ARE`) also by the place of their sentence's verb ("protesters
        marched in Maracaibo": ``role:sentence-place``)."""

        def bare(token: Any) -> str | None:
            return self._bare_country(token, hits, context)

        found = self.whereabouts.in_phrase(head, bare)
        if found is not None:
            return self._country_actor(found, role.sector), "role:place", 0.75
        if role.sector not in _WHERE_THEY_ARE:
            return None
        found = self.whereabouts.in_sentence(sent, bare)
        if found is not None:
            return self._country_actor(found, role.sector), "role:sentence-place", 0.65
        return None

    def _bare_country(self, token: Any, hits: list[Hit], context: _ArticleContext) -> str | None:
        """The country the phrase headed by ``token`` names, when it names a country alone
        ("Syria", "northern Syria"), not one of its institutions ("the Syrian army")."""
        actor = self._phrase_actor(token, hits, context)
        if actor is None or actor.sector is not None or actor.country is None:
            return None
        return actor.country

    def _dateline_country(self, context: _ArticleContext) -> str | None:
        """The country of the article's dateline (looked up once per article)."""
        if not context._dateline:
            article = context.article
            found = self.whereabouts.dateline(article) if article is not None else None
            context._dateline.append(found)
        return context._dateline[0]

    def _members(
        self, hit: Hit, head: Any, count: int, offset: int, context: _ArticleContext
    ) -> tuple[Actor, ...]:
        """The actors a counted plural refers back to (step 5 of the module docstring)."""
        lemma = head.lemma_.lower()
        parties = lemma in self.words.party_nouns
        sector = self.words.group_nouns.get(lemma, hit.sector)
        excluded = _co_arguments(head, offset)
        named = [n for n in context.named if not any(s.contains(n.span) for s in excluded)]
        if hit.kind == "role":  # "the two leaders", "both presidents": the people named before
            people = _distinct(_window([n for n in named if n.person], count), _code)
            if len(people) == count:
                return tuple(n.actor for n in people)
        window = _window(named, count)
        countries = _distinct(window, _country_of)
        if len(countries) == count:
            return tuple(self._member(n.actor, sector) for n in countries)
        actors = _distinct(window, _code)
        if parties and len(actors) == count:  # "the two sides": the army and the rebels
            return tuple(n.actor for n in actors)
        return ()

    def _member(self, actor: Actor, sector: str | None) -> Actor:
        """A named actor as a member of a group: its country with the group's sector."""
        if actor.country is None:
            return actor
        return self._country_actor(actor.country, sector)

    def _actor(self, group: list[Hit], context: _ArticleContext) -> tuple[Actor | None, str, float]:
        entry = next((h for h in group if h.kind == "dict"), None)
        if entry is not None and entry.code:
            confidence = 0.9 if entry.rule.startswith("people:") else 0.95
            return self._code_actor(entry.code, entry.name or entry.code), entry.rule, confidence
        org = next((h for h in group if h.kind == "org"), None)
        if org is not None and org.code:
            return self._code_actor(org.code, org.name or org.code), org.rule, 0.9
        country = next((h for h in group if h.kind == "country"), None)
        if country is None or not country.code:
            return None, "", 0.0
        role = next((h for h in group if h.kind == "role"), None)
        sector = role.sector if role else country.sector
        rule = country.rule + ("+role" if role else "")
        return self._country_actor(country.code, sector), rule, 0.85 if role else 0.9

    def _code_actor(self, code: str, name: str) -> Actor:
        """A dictionary code: country and sector filled in when it starts with a country."""
        if self._known_country(code[:3]) is None:
            return Actor(code, name)
        return Actor(code, name, country=code[:3], sector=code[3:6] or None)

    def _country_actor(self, iso3: str, sector: str | None) -> Actor:
        name = self._known_country(iso3) if self.dictionary else self.lexicon.country_name(iso3)
        name = name or iso3  # a dictionary's code the lexicon does not know
        code = iso3 + (sector or "")
        label = f"{name} ({sector_name(sector)})" if sector else name
        return Actor(code, label, country=iso3, sector=sector)

    def _phrase_actor(self, token: Any, hits: list[Hit], context: _ArticleContext) -> Actor | None:
        """The actor the noun phrase headed by ``token`` names by its own words, if any."""
        inner = [h for h in hits if _phrase_head(token.doc, h) == token.i]
        return self._actor(inner, context)[0] if inner else None

    def _affiliated(
        self, head: Any, role: Hit, hits: list[Hit], context: _ArticleContext
    ) -> Actor | None:
        """The actor a role noun serves, named in its own phrase: "a spokesman for the North
        Korean foreign ministry" (its actor), "police in Kabul" (the country, the role's sector).
        """
        for prep in head.children:
            if prep.dep_ != "prep" or prep.lower_ not in self.words.affiliation:
                continue
            for pobj in prep.children:
                actor = self._phrase_actor(pobj, hits, context) if pobj.dep_ == "pobj" else None
                if actor is None:
                    continue
                if actor.sector or actor.country is None:
                    return actor
                return self._country_actor(actor.country, role.sector)
        return None

    def _role_alone(
        self,
        role: Hit,
        sent: Any,
        hits: list[Hit],
        context: _ArticleContext,
        *,
        named: bool = False,
    ) -> tuple[Actor | None, str, float]:
        """A role noun with no country of its own ("President X", "officials").

        The nearest country of the sentence, except for a titled person ("President X") whose
        only nearby country comes after the title as an actor of its own ("President X
        threatened Russia"): that is the counterpart more often than X's country, so the
        countries of the article's earlier sentences decide when there are any.
        """
        if role.person_title and context.people:
            holder = context.only_holder(role.name)
            if holder is not None:
                return holder.actor, "role:coref", 0.7
        doc = sent.doc
        head = doc[_phrase_head(doc, role)]
        served = self._affiliated(head, role, hits, context)
        if served is not None:
            return served, "role:of", 0.8
        placed = None if role.person_title else self._placed(role, head, sent, hits, context)
        if placed is not None:
            return placed
        # An unnamed spokesman or minister (a title, not a group noun: "rebels" are actors of
        # their own) speaks for whom his title names, or whoever quotes him.
        cue = context.speakers.get(head.i) if role.person_title and not named else None
        if cue is not None:
            quoting = quoting_subject(cue)
            quoted = self._phrase_actor(quoting, hits, context) if quoting is not None else None
            if quoted is not None and quoted.country is not None:
                return self._country_actor(quoted.country, role.sector), "role:quoted", 0.7
        nearest_hit = _nearest_country_hit(role, hits)
        counterpart = (
            nearest_hit is not None
            and nearest_hit.start >= role.end
            and _bare_country(sent.doc, nearest_hit, hits)
        )
        earlier = context.earlier() if named and role.person_title and counterpart else None
        if earlier:
            iso3 = earlier.most_common(1)[0][0]
            return self._country_actor(iso3, role.sector), "context:article", 0.5
        nearest = nearest_hit.code if nearest_hit is not None else None
        if nearest is not None:
            return self._country_actor(nearest, role.sector), "context:sentence", 0.6
        dateline = (
            self._dateline_country(context)
            if role.sector in _WHERE_THEY_ARE and not role.person_title
            else None
        )
        if dateline is not None:
            return self._country_actor(dateline, role.sector), "context:dateline", 0.5
        pending = Actor("---" + role.sector if role.sector else "---", role.name or "")
        return replace(pending, sector=role.sector), _SPEAKER_PENDING if cue else _PENDING, 0.0


def _people_hit(entry: GroupEntry, sent: Any, start: int, end: int) -> Hit | None:
    """A group's word, unless it begins a name (a singular proper noun follows: "Tamil Nadu",
    "Baloch Liberation Army"; or a name entity holds it: "Kurdish Workers' Party") or a
    hyphenated modifier ("Shiite-led", "Kurdish-majority")."""
    doc = sent.doc
    after = doc[end] if end < sent.end else None
    if after is not None and (
        after.tag_ == "NNP" or (after.text == "-" and not doc[end - 1].whitespace_)
    ):
        return None
    if any(t.ent_type_ in _NAME_ENTITIES and t.ent_iob_ == "I" for t in doc[start + 1 : end + 1]):
        return None
    return Hit("ethnic", start, end, "ethnic", code=entry.code, name=entry.phrase, people=entry)


#: Entities that are names of something other than a people: a group word inside one is part
#: of the name.
_NAME_ENTITIES = frozenset(
    {"ORG", "GPE", "LOC", "FAC", "PERSON", "EVENT", "WORK_OF_ART", "LAW", "PRODUCT"}
)


def _dominant(countries: Counter[str]) -> str | None:
    """The country an article is about: named at least twice as often as any other."""
    ranked = countries.most_common(2)
    if not ranked:
        return None
    if len(ranked) == 1 or ranked[0][1] >= 2 * ranked[1][1]:
        return ranked[0][0]
    return None


def _window(named: list[_Named], count: int) -> list[_Named]:
    """The latest sentences (the one of the phrase first) that name ``count`` actors."""
    window: list[_Named] = []
    for index in sorted({n.sentence for n in named}, reverse=True):
        window = [n for n in named if n.sentence == index] + window
        if len({n.actor.code for n in window}) >= count:
            break
    return window


def _distinct(named: list[_Named], key: Callable[[Actor], str]) -> list[_Named]:
    """The first of each actor by ``key``, in text order."""
    found: dict[str, _Named] = {}
    for n in named:
        found.setdefault(key(n.actor), n)
    return list(found.values())


def _country_of(actor: Actor) -> str:
    return actor.country or actor.code


def _code(actor: Actor) -> str:
    return actor.code


def _speakers(sent: Any, cues: CueWords) -> dict[int, Any]:
    """The speakers of the sentence's cue and speech verbs (token index → cue token)."""
    found: dict[int, Any] = {}
    for token in sent:
        if cues.is_cue(token) or cues.is_speech(token):
            subject = cue_subject(token)
            if subject is not None and subject.dep_ != "nsubjpass":  # "were asked": no speaker
                found.setdefault(subject.i, token)
    return found


def _count(head: Any, words: ActorWords, numbers: Mapping[str, int | str]) -> int | None:
    """How many actors a definite plural counts: "the two governments" 2, "both sides" 2."""
    if head.tag_ not in _PLURAL_TAGS:
        return None
    count: int | None = None
    definite = False
    for child in head.children:
        word = child.lower_
        if child.dep_ in ("det", "predet", "preconj") and word in words.both:
            return 2
        if child.dep_ == "det" and word in words.definite:
            definite = True
        elif child.dep_ == "nummod":
            value = int(word) if word.isdigit() else numbers.get(word)
            count = value if isinstance(value, int) else None
    return count if definite and count is not None and count >= 2 else None


def _co_arguments(head: Any, offset: int) -> list[Span]:
    """The subjects of the verb a phrase is the object of ("the EU urged both sides"): never
    among the actors the phrase stands for."""
    verb = head.head
    if head.dep_ == "pobj" and verb.dep_ in ("prep", "agent"):
        verb = verb.head
    elif head.dep_ not in ("dobj", "dative", "iobj"):
        return []
    spans = []
    for child in verb.children:
        if child.dep_ in _SUBJECT_DEPS and child.i != head.i:
            tokens = sorted(child.subtree, key=lambda t: t.i)
            last = tokens[-1]
            spans.append(Span(offset + tokens[0].idx, offset + last.idx + len(last.text)))
    return spans


def _group_hits(
    sent: Any, taken: set[int], words: ActorWords, numbers: Mapping[str, int | str]
) -> Iterator[Hit]:
    """Counted plurals of the group nouns ("the two countries") that no table phrase covers."""
    for token in sent:
        lemma = token.lemma_.lower()
        if token.i in taken or lemma not in words.group_nouns:
            continue
        if _count(token, words, numbers) is None:
            continue
        taken.add(token.i)
        yield Hit("group", token.i, token.i + 1, "group", name=lemma)


def _noun(doc: Any, start: int, end: int) -> str:
    """The words of tokens ``[start, end)`` in lower case, without a possessive ending."""
    while end - start > 1 and doc[end - 1].tag_ == "POS":
        end -= 1
    return str(doc[start:end].text.lower())


def _person_hits(
    sent: Any, ents: Sequence[Any], taken: set[int], context: _ArticleContext
) -> Iterator[Hit]:
    for ent in ents:
        if ent.label_ == "PERSON" and not taken.intersection(range(ent.start, ent.end)):
            taken.update(range(ent.start, ent.end))
            yield Hit("person", ent.start, ent.end, "ner:person", name=ent.text)
    for token in sent:
        if token.i in taken or token.pos_ != "PROPN":
            continue
        if token.text in context.people:  # a surname the article introduced earlier
            yield Hit("person", token.i, token.i + 1, "person:coref", name=token.text)


def _same_given_name(
    sent: Any,
    start: int,
    end: int,
    covered: set[int],
    entries: tuple[PersonEntry, ...],
    honorifics: frozenset[str],
) -> tuple[PersonEntry, ...]:
    """The people a surname alone can be, given the name words written around it.

    Capitalised proper nouns just before the surname (not titles, which are hits of their
    own, nor honorifics) are a given name: only people with a listed name starting with it
    remain ("Hillary Rodham Clinton" is Hillary Clinton, "Winnie Mandela" nobody listed). A
    name word right after it in the same PERSON entity makes it someone's given name
    ("Sharon Stone"): nobody remains.
    """
    doc = sent.doc
    after = doc[end] if end < sent.end else None
    if after is not None and _name_word(after, covered, honorifics) and _inside_person(after):
        return ()
    first = start
    while (
        first - 1 >= sent.start
        and start - first < 3
        and _name_word(doc[first - 1], covered, honorifics)
    ):
        first -= 1
    if first == start:
        return entries
    given = doc[first].text.casefold()
    return tuple(
        e
        for e in entries
        if any(len(n.split()) > 1 and n.split()[0].casefold() == given for n in e.names)
    )


def _inside_person(token: Any) -> bool:
    """The token continues a PERSON entity begun before it."""
    return bool(token.ent_type_ == "PERSON" and token.ent_iob_ == "I")


def _name_word(token: Any, covered: set[int], honorifics: frozenset[str]) -> bool:
    return bool(
        token.i not in covered
        and token.pos_ == "PROPN"
        and token.text[:1].isupper()
        and token.text.casefold().rstrip(".") not in honorifics
    )


def _phrase_head(doc: Any, hit: Hit) -> int:
    """The token the hit's noun phrase hangs from (climbing compounds and modifiers)."""
    token = doc[hit.start : hit.end].root
    while token.dep_ in _PHRASE_DEPS and token.head.i != token.i and token.head.pos_ in _NOUNS:
        token = token.head
    return int(token.i)


_NOUNS = frozenset({"NOUN", "PROPN"})


def _group(sent: Any, hits: list[Hit]) -> list[list[Hit]]:
    groups: dict[int, list[Hit]] = {}
    for hit in hits:
        groups.setdefault(_phrase_head(sent.doc, hit), []).append(hit)
    return list(groups.values())


def _shared_role(group: list[Hit], doc: Any, hits: list[Hit]) -> Hit | None:
    """The role noun a coordinated country adjective shares with its first conjunct.

    In "Hungarian and Romanian officials" the parser hangs "Romanian" on "Hungarian" (conj);
    "officials" belongs to Hungarian's phrase, and Romanian's too.
    """
    if len(group) != 1 or group[0].kind != "country":
        return None
    token = doc[group[0].start : group[0].end].root
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head
    if token.i == doc[group[0].start : group[0].end].root.i:
        return None
    head = _phrase_head(doc, Hit("country", token.i, token.i + 1, "conj"))
    return next(
        (h for h in hits if h.kind == "role" and h.start <= head < h.end and h.end - 1 == head),
        None,
    )


def _nearest_country_hit(role: Hit, hits: list[Hit]) -> Hit | None:
    countries = [h for h in hits if h.kind == "country" and h.code]
    if not countries:
        return None
    return min(countries, key=lambda h: abs(h.start - role.start))


def _bare_country(doc: Any, country: Hit, hits: list[Hit]) -> bool:
    """The country is an actor of its own ("Russia"), not the country of a role noun
    ("Russian troops") nor a metonym with a sector ("the Kremlin")."""
    if country.sector is not None:
        return False
    head = _phrase_head(doc, country)
    return not any(h.kind == "role" and _phrase_head(doc, h) == head for h in hits)


def _pronoun_tokens(sent: Any, pronouns: frozenset[str]) -> list[Any]:
    return [t for t in sent if t.lower_ in pronouns and t.pos_ == "PRON"]


def _pronoun(token: Any, offset: int, sentence: int, context: _ArticleContext) -> list[Mention]:
    """He/she: the last person named before the pronoun, when that person has a code."""
    person = context.last_person
    if person is None or person.actor is None:
        return []
    span = Span(offset + token.idx, offset + token.idx + len(token.text))
    return [
        Mention(span, token.text, sentence, person.actor, "pronoun", 0.5, person.role, person.name)
    ]


def _speaker_pronouns(parsed: SentenceContext, lang: LanguageData) -> Iterator[Mention]:
    """Pronouns that stand for the speaker of the clause they are the subject of.

    Only the construction "X said/announced/warned (that) it/they/we ...": the pronoun is the
    subject of a clause that complements a speech verb whose subject is a mention of this
    sentence.
    - "it"/"they" after the speech verb ("pronoun:speaker"): "It" needs a subject that is not a
      person (people are he/she) nor a plural noun ("officials"); "they" a plural noun or an
      organisation ("the rebels said they"). An "it" standing for nothing ("said it was time to
      act") is left alone.
    - "I"/"we" in the speaker's quoted words ("pronoun:quote"), a person too: '"We will not
      allow it," the minister said', 'The minister said: "We will not allow it"' — a quotation
      mark stands between the pronoun and the speech verb.
    """
    speech = lang.speech_verbs("speaker_pronoun")
    for token in parsed.sent:
        word = token.lower_
        if word not in ("it", "they", "i", "we"):
            continue
        found = _speech_clause(token, speech)
        speaker = _speaker(found[1], parsed) if found is not None else None
        if found is None or speaker is None:
            continue
        (clause, verb), (subject, mention) = found, speaker
        if word in ("i", "we"):
            low, high = sorted((token.i, verb.i))
            if any(t.text in QUOTE_TOKENS for t in token.doc[low:high]):
                yield parsed.stand_in(token, mention, "pronoun:quote")
            continue
        if verb.i > token.i or mention.person is not None:
            continue
        if word == "it" and _expletive(clause, lang):
            continue
        plural = subject.tag_ in _PLURAL_TAGS and subject.ent_type_ not in ("GPE", "ORG")
        if word == "it" and plural:
            continue
        if word == "they" and not (plural or subject.ent_type_ in ("ORG", "NORP")):
            continue
        yield parsed.stand_in(token, mention, "pronoun:speaker")


def _speech_clause(token: Any, speech: frozenset[str]) -> tuple[Any, Any] | None:
    """(clause, speech verb) when the token is the subject of a clause complementing one of
    the speech verbs."""
    if token.dep_ not in ("nsubj", "nsubjpass"):
        return None
    clause = token.head
    verb = clause.head
    if clause.dep_ != "ccomp" or verb.lemma_ not in speech:
        return None
    return clause, verb


def _speaker(verb: Any, parsed: SentenceContext) -> tuple[Any, Mention] | None:
    """(subject token, its mention) of a speech verb whose one subject is an actor mention of
    the sentence (a coordinated subject is none)."""
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is None or any(c.dep_ == "conj" for c in subject.children):
        return None
    mention = parsed.mentions.covering(parsed.offset + subject.idx, coded=False)
    if mention is None or mention.actor is None:
        return None
    return subject, mention


def _expletive(clause: Any, lang: LanguageData) -> bool:
    if clause.lemma_ in lang.expletive_verbs:
        return True
    return any(
        c.dep_ in ("acomp", "attr") and c.lemma_.lower() in lang.expletive_predicates
        for c in clause.children
    )
