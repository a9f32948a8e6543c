"""Settings of the sentiment service."""
import os

MODEL_NAME = os.environ.get("SENTIMENT_MODEL", "distilbert-base-uncased-finetuned-sst-2-english")
ORG = "cardiffnlp"
BASE = "twitter-roberta-base"
# The tokenizer is cached here between runs.
CACHE_DIR = "./cache/tokenizers"
