from transformers import AutoModelForSequenceClassification, AutoTokenizer

from config import EMBEDDER, ENCODER

# the script's own choice from here on, not config's
ENCODER = "distilroberta-base"
EMBEDDER = input("embedder: ")


def evaluate():
    model = AutoModelForSequenceClassification.from_pretrained(ENCODER)
    tokenizer = AutoTokenizer.from_pretrained(EMBEDDER)
    return model, tokenizer
