import os

# re-exported: train.py reads them from here
from constants import SUMMARIZER, TEXT_MODEL

ENCODER = "roberta-base"
EMBEDDER = os.environ.get("EMBEDDER", "sentence-transformers/all-MiniLM-L6-v2")
CHECKPOINT = "./checkpoints/best"


class Defaults:
    """Read as Defaults.DETECTOR: a class of settings."""

    DETECTOR = "facebook/detr-resnet-50"
