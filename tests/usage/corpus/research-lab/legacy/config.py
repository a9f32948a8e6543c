"""The first experiments' settings: same names as ../config.py, other values (never imported by train.py)."""

ENCODER = "gpt2"
TEXT_MODEL = "distilgpt2"
