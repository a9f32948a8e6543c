from transformers import pipeline


class Transcriber:
    checkpoint = "openai/whisper-small"

    def __init__(self, language="en", chunk=30):
        self.language = language
        self.chunk = chunk

    def build(self):
        return pipeline("automatic-speech-recognition", model=self.checkpoint, chunk_length_s=self.chunk)
