"""The figure-sentence path applies the model's attribute ruler with `FastAttributeRuler`: every token must end with
the attributes spaCy's own ruler gives it, or the two paths could read a figure differently."""

import spacy

from claimwatch.nlp import attributes
from claimwatch.nlp.pipeline import resolve_model, split_sentences
from evaluation.gold import load_all, load_real


def _token_attributes(doc):
    return [(t.text, t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_) for t in doc]


def test_every_token_gets_what_the_models_own_ruler_gives_it():
    model = resolve_model(None)
    spacys = spacy.load(model, exclude=["ner"])
    ours = attributes.speed_up(spacy.load(model, exclude=["ner"]))
    assert "attribute_ruler" not in ours.pipe_names and "claimwatch_attribute_ruler" in ours.pipe_names
    texts = [article.text[s.start : s.end].replace("\n", " ") for article in load_real("real_dev") + load_all()
             for s in split_sentences(article.text)]
    # the rules that go through the Matcher of their own: two tokens, IN and REGEX values
    texts += ["They ain't coming, and we're gonna wait.", "I don't know; she can't, he won't."]
    assert len(texts) > 5000
    for theirs, mine in zip(spacys.pipe(texts, batch_size=64), ours.pipe(texts, batch_size=64), strict=True):
        assert _token_attributes(mine) == _token_attributes(theirs), theirs.text


def test_the_reference_path_keeps_the_models_own_ruler(extractor):
    from claimwatch.nlp.pipeline import Extractor

    assert "claimwatch_attribute_ruler" in extractor.nlp.pipe_names
    reference = Extractor(only_figure_sentences=False)
    assert "attribute_ruler" in reference.nlp.pipe_names
    assert "claimwatch_attribute_ruler" not in reference.nlp.pipe_names
