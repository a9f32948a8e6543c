"""Names shared by every experiment of the lab."""

ORG = "facebook"
TEXT_MODEL = "bert-base-uncased"
SUMMARIZER = f"{ORG}/bart-large-cnn"
LOOP_NAME = "google/flan-t5-small"
