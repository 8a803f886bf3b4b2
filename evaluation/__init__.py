"""Accuracy of claim extraction against hand-annotated gold (`make eval` runs `python -m evaluation.run`)."""
