"""Entity extraction with several toolkits, for comparison."""
import en_core_web_sm
import spacy
import stanza
from allennlp.predictors.predictor import Predictor
from bertopic import BERTopic
from flair.models import SequenceTagger
from span_marker import SpanMarkerModel

SPACY_MODEL = "en_core_web_trf"


class Extractor:
    language = "en"

    def __init__(self, lang: str = "de"):
        stanza.download(lang)
        self.stanza = stanza.Pipeline(lang=lang, processors="tokenize,ner")
        self.small = en_core_web_sm.load()
        self.big = spacy.load(SPACY_MODEL, disable=["parser"])
        self.blank = spacy.blank("en")
        self.custom = spacy.load("./training/model-best")

    def flair(self):
        return SequenceTagger.load("flair/ner-english-ontonotes-large")

    def srl(self):
        return Predictor.from_path(
            "https://storage.googleapis.com/allennlp-public-models/structured-prediction-srl-bert.2020.12.15.tar.gz"
        )

    def topics(self):
        return BERTopic.load("MaartenGr/BERTopic_Wikipedia")

    def span_marker(self):
        return SpanMarkerModel.from_pretrained("tomaarsen/span-marker-bert-base-fewnerd-fine-super")
