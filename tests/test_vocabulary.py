"""The sheet's words for the recogniser (catalog/vocabulary.py) on the real sample sheet: codes
first, product names and brand, distinctive spec terms, within the prompt budget."""

from __future__ import annotations

from sola_studio.catalog.loader import load_sheet
from sola_studio.catalog.vocabulary import estimate_tokens, recognition_vocabulary
from sola_studio.ui.session import SAMPLE_SHEET


def test_the_sample_sheet_primes_its_code_names_and_terms():
    sheet = load_sheet(SAMPLE_SHEET)
    vocab = recognition_vocabulary(sheet, "en")
    assert vocab.terms[0] == "LIVE10"  # the discount code, as the sheet spells it
    assert "Camiseta Sola Classic" in vocab.terms and "Loja Sola" in vocab.terms
    assert "pre-shrunk" in vocab.terms  # from the FAQ's answer: an odd word only
    assert "regular fit" not in vocab.terms  # common words need no priming
    assert vocab.prompt.startswith("LIVE10, Camiseta Sola Classic") and "LIVE10" in vocab.hotwords
    assert vocab.tokens <= 64 and estimate_tokens(vocab.prompt) <= 70


def test_the_speech_language_picks_the_sheets_words_in_it():
    vocab = recognition_vocabulary(load_sheet(SAMPLE_SHEET), "pt")
    assert "100% algodão orgânico" in vocab.terms and "pré-encolhido" in vocab.terms
    assert "pre-shrunk" not in vocab.terms


def test_the_pinned_product_comes_first_and_the_budget_holds():
    sheet = load_sheet(SAMPLE_SHEET).with_pinned("runner")
    vocab = recognition_vocabulary(sheet, "en")
    assert vocab.terms[:2] == ("LIVE10", "Tênis Sola Runner")
    small = recognition_vocabulary(sheet, "en", max_tokens=12)
    assert small.tokens <= 12 and small.terms[0] == "LIVE10"
    assert len(small.terms) < len(vocab.terms)
    assert recognition_vocabulary(sheet, "en", max_tokens=0).prompt == ""
