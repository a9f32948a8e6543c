"""Helpers. Nothing here loads a model from transformers; the word only appears in this docstring."""
import json


def read(path):
    with open(path) as f:
        return json.load(f)


def pipeline(name):
    return name.upper()


MODEL = pipeline("gpt2")
