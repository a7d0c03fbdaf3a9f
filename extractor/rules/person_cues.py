"""Cues right after a name that say it is a person's (data in `people.yaml`): a verb of
speech ("Setyo Wasisto công bố"), an age, a role in apposition. people.py reads the
name backwards from each cue.
"""

from __future__ import annotations

from functools import cache

import regex

from extractor.resources.loader import Rule, load_lexicon, load_resource

_RESOURCE = "people.yaml"
# The pattern of a cue rule is the cue; the name before it is read by people.py.
_SPEECH = "person.before_speech"
_SINCE = regex.compile(r" kể từ(?![\p{L}])")  # "về Biển Đông kể từ khi": "since", no speech


@cache
def _speech_verbs() -> tuple[str, ...]:
    return tuple(f" {verb}" for verb in load_lexicon(_RESOURCE, "speech_after"))


@cache
def _cue_rules() -> list[Rule]:
    cues = load_resource(_RESOURCE)["cues_after"]
    speech = "|".join(regex.escape(verb) for verb in _speech_verbs())
    rules = [Rule(id=_SPEECH, pattern=regex.compile(rf"(?:{speech})(?![\p{{L}}])"))]
    rules += [Rule(id=str(rule_id), pattern=regex.compile(str(pattern)))
              for rule_id, pattern in cues.items()]
    return rules


def cues_after(text: str) -> list[tuple[Rule, int]]:
    """Every cue in `text`, with the offset where it begins (the name ends before it).

    The verbs are found by a string search each (most articles hold few of them);
    the other cues by their patterns.
    """
    found: list[tuple[Rule, int]] = []
    speech, *others = _cue_rules()
    for verb in _speech_verbs():
        at = text.find(verb)
        while at >= 0:
            after = at + len(verb)
            if (after == len(text) or not text[after].isalpha()) and not _SINCE.match(text, at):
                found.append((speech, at))
            at = text.find(verb, after)
    for rule in others:
        found += [(rule, match.start()) for match in rule.pattern.finditer(text)]
    return found
