"""The model's attribute ruler, applied the same way, faster.

en_core_web_sm's `attribute_ruler` sets POS, MORPH and LEMMA exceptions from 179 Matcher rules, and running its
Matcher over every token costs the figure-sentence path as much as the parser does. Nearly all of those rules are
one token matched on exact values (a tag, a lowercase form, a dependency): those are looked up in dictionaries,
and the few others (two tokens, IN or REGEX values) still go through a Matcher of their own. Matches are applied in
the ruler's own order (by rule, later rules winning), so every token ends with the attributes the ruler gives it;
`tests/nlp/test_attributes.py` checks that on every sentence of the project's corpora.
"""

from spacy.language import Language
from spacy.matcher import Matcher
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc
from spacy.tokens._retokenize import set_token_attrs

# What a one-token rule may test, and how to read it off a token (the Matcher's own attributes).
READERS = {
    "TAG": lambda token: token.tag_,
    "LOWER": lambda token: token.lower_,
    "DEP": lambda token: token.dep_,
    "IS_SPACE": lambda token: token.is_space,
}


class FastAttributeRuler:
    def __init__(self, ruler: AttributeRuler):
        self.attrs = ruler.attrs
        self.indices = ruler.indices
        self.vocab = ruler.vocab
        # {("LOWER", "TAG"): {("ai", "VBP"): [rule, ...]}, ...}: one-token rules of exact values, by what they test
        self.exact: dict[tuple[str, ...], dict[tuple, list[int]]] = {}
        self.others = Matcher(ruler.vocab)
        for rule, entry in enumerate(ruler.patterns):
            for pattern in entry["patterns"]:
                if len(pattern) == 1 and set(pattern[0]) <= set(READERS) and not any(
                        isinstance(value, (dict, list)) for value in pattern[0].values()):
                    keys = tuple(sorted(pattern[0]))
                    self.exact.setdefault(keys, {}).setdefault(tuple(pattern[0][k] for k in keys), []).append(rule)
                else:
                    self.others.add(str(rule), [pattern])

    def __call__(self, doc: Doc) -> Doc:
        matches = []
        for token in doc:
            seen = {name: read(token) for name, read in READERS.items()}
            for keys, rules_by_values in self.exact.items():
                for rule in rules_by_values.get(tuple(seen[k] for k in keys), ()):
                    matches.append((rule, token.i, token.i + 1))
        for match_id, start, end in self.others(doc, allow_missing=True):
            matches.append((int(self.vocab.strings[match_id]), start, end))
        matches.sort()  # the ruler's order: by rule, so that later rules win
        for rule, start, end in matches:
            index = self.indices[rule]
            set_token_attrs(doc[start:end][index], self.attrs[rule])
        return doc


@Language.factory("claimwatch_attribute_ruler")
def make_fast_attribute_ruler(nlp: Language, name: str):
    return FastAttributeRuler(nlp.get_pipe("attribute_ruler"))


def speed_up(nlp: Language) -> Language:
    """Put the fast ruler in the model's ruler's place (the model's stays loaded, disabled, as its source)."""
    if "attribute_ruler" in nlp.pipe_names:
        nlp.add_pipe("claimwatch_attribute_ruler", after="attribute_ruler")
        nlp.disable_pipe("attribute_ruler")
    return nlp
