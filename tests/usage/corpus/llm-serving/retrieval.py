from FlagEmbedding import BGEM3FlagModel, FlagReranker
from gliner import GLiNER
from haystack.components.readers import ExtractiveReader
from huggingsound import SpeechRecognitionModel
from InstructorEmbedding import INSTRUCTOR
from setfit import SetFitModel
from text2vec import SentenceModel

embedder = BGEM3FlagModel("BAAI/bge-m3", use_fp16=True)
reranker = FlagReranker(model_name_or_path="BAAI/bge-reranker-v2-m3")
ner = GLiNER.from_pretrained("urchade/gliner_multi-v2.1")
reader = ExtractiveReader(model="deepset/roberta-base-squad2")
asr = SpeechRecognitionModel("jonatasgrosman/wav2vec2-large-xlsr-53-english")
instructor = INSTRUCTOR("hkunlp/instructor-large")
classifier = SetFitModel.from_pretrained("lewtun/my-awesome-setfit-model")
chinese = SentenceModel("shibing624/text2vec-base-chinese")
