"""Loads the classifier once per process."""
import os

from transformers import AutoModelForSequenceClassification as Classifier
from transformers import AutoTokenizer, pipeline

HUB_ORG = "cardiffnlp"
SENTIMENT = f"{HUB_ORG}/twitter-roberta-base-sentiment-latest"
EMOTION = HUB_ORG + "/twitter-roberta-base-emotion"
FALLBACK = "nlptown/bert-base-multilingual-uncased-sentiment"  # kept for reference, never loaded


def load_classifier(name="distilbert-base-uncased-finetuned-sst-2-english"):
    tokenizer = AutoTokenizer.from_pretrained(name)
    model = Classifier.from_pretrained(name)
    return tokenizer, model


def load_sentiment():
    return pipeline("sentiment-analysis", model=SENTIMENT, tokenizer=SENTIMENT)


def load_emotion():
    return pipeline(task="text-classification", model=EMOTION, top_k=None)


def load_custom():
    path = os.getenv("CUSTOM_MODEL_DIR", "./checkpoints/custom")
    return Classifier.from_pretrained(path)


def load_local_weights():
    # Classifier.from_pretrained("roberta-large")  # too big for the free tier
    return Classifier.from_pretrained("/opt/models/sentiment", local_files_only=True)


def load_default_pipeline():
    return pipeline("sentiment-analysis")
