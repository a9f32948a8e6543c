"""Serves a chat model with whichever backend is installed."""
import os

import lmdeploy
from ctransformers import AutoModelForCausalLM as CAutoModel
from llama_cpp import Llama
from mlx_lm import load
from vllm import LLM, SamplingParams

CHAT_MODEL = os.getenv("CHAT_MODEL", "mistralai/Mistral-7B-Instruct-v0.2")
GGUF_REPO = "TheBloke/Mistral-7B-Instruct-v0.2-GGUF"


def vllm_backend():
    llm = LLM(model=CHAT_MODEL, tensor_parallel_size=2)
    return llm, SamplingParams(temperature=0.7)


def lmdeploy_backend():
    return lmdeploy.pipeline("internlm/internlm2_5-7b-chat")


def gguf_backend():
    ctm = CAutoModel.from_pretrained(GGUF_REPO, model_file="mistral-7b-instruct-v0.2.Q4_K_M.gguf")
    cpp = Llama.from_pretrained(repo_id=GGUF_REPO, filename="*Q4_K_M.gguf")
    return ctm, cpp


def mlx_backend(repo="mlx-community/Mistral-7B-Instruct-v0.2-4bit"):
    model, tokenizer = load(repo)
    return model, tokenizer
