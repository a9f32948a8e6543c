import config as C
from config import EMBEDDER, ENCODER, SUMMARIZER
from cycle_a import LOOP_NAME
from sentence_transformers import SentenceTransformer
from transformers import AutoModel, AutoTokenizer, pipeline


def main():
    encoder = AutoModel.from_pretrained(ENCODER)
    summarize = pipeline("summarization", model=SUMMARIZER)
    embedder = SentenceTransformer(EMBEDDER)
    text = AutoModel.from_pretrained(C.TEXT_MODEL)
    checkpoint = AutoModel.from_pretrained(C.CHECKPOINT)
    name = C.ENCODER
    tokenizer = AutoTokenizer.from_pretrained(name)
    looped = AutoTokenizer.from_pretrained(LOOP_NAME)
    return encoder, summarize, embedder, text, checkpoint, tokenizer, looped
