"""Downloads everything the demo needs from the Hugging Face Hub."""
import os
from functools import partial

from huggingface_hub import from_pretrained_fastai, from_pretrained_keras, hf_hub_download, snapshot_download
from huggingface_sb3 import load_from_hub

REVISION = "main"
DIFFUSION = os.getenv("DIFFUSION_MODEL", default="stabilityai/stable-diffusion-2-1")


def fetch_all(cache="~/.cache/demo"):
    weights = hf_hub_download(repo_id="openai/whisper-tiny", filename="pytorch_model.bin", revision=REVISION)
    snapshot = snapshot_download("runwayml/stable-diffusion-v1-5", cache_dir=cache)
    keras = from_pretrained_keras("keras-io/ocr-for-captcha")
    learner = from_pretrained_fastai("fastai/fastbook_02_bears_classifier")
    agent = load_from_hub(repo_id="sb3/demo-hf-CartPole-v1", filename="demo-hf-CartPole-v1.zip")
    download = partial(hf_hub_download, filename="config.json")
    return weights, snapshot, keras, learner, agent, download("bigscience/bloom")
