import argparse

from sentence_transformers import SentenceTransformer
from transformers import AutoModel

import config
from config import ENCODER, SUMMARIZER


class Embedder:
    def __init__(self):
        self.model_name = config.EMBEDDER

    def load(self):
        return SentenceTransformer(self.model_name)


def load_summarizer(name=SUMMARIZER):
    return AutoModel.from_pretrained(name)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--model-name", default=ENCODER)
    args = parser.parse_args()
    model = AutoModel.from_pretrained(args.model_name)
    return model, Embedder().load(), load_summarizer()
