"""Test doubles: nothing here loads a real model (the word lmdeploy appears only in this docstring)."""


class LLM:
    def __init__(self, model):
        self.model = model


def make(pipe):
    pipe.load_lora_weights("someone/lora")  # no diffusers import: not a diffusers pipeline
    return LLM(model="mistralai/Mistral-7B-v0.1")
