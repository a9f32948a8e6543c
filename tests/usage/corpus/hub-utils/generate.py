import torch
from diffusers import DiffusionPipeline, StableDiffusionPipeline
from paddlenlp.transformers import AutoModel as PaddleAutoModel
from peft import PeftConfig, PeftModel
from pythae.models import AutoModel
from sentence_transformers import CrossEncoder
from transformers import AutoModelForCausalLM

from fetch import DIFFUSION

BASE_MODEL = "meta-llama/Llama-2-7b-hf"
ADAPTER = "timdettmers/guanaco-7b"


def image_pipeline():
    pipe = DiffusionPipeline.from_pretrained(DIFFUSION, torch_dtype=torch.float16)
    sd = StableDiffusionPipeline.from_single_file("./models/v1-5-pruned-emaonly.safetensors")
    return pipe, sd


def chat_model():
    config = PeftConfig.from_pretrained(ADAPTER)
    base = AutoModelForCausalLM.from_pretrained(config.base_model_name_or_path)
    model = PeftModel.from_pretrained(base, ADAPTER)
    return model


def misc(size="base"):
    vae = AutoModel.load_from_hf_hub(hf_hub_path="clementchadebec/reproduced_vae", allow_pickle=True)
    ernie = PaddleAutoModel.from_pretrained("ernie-3.0-" + size + "-zh")
    ranker = CrossEncoder("cross-encoder/ms-marco-MiniLM-L-6-v2", max_length=512)
    return vae, ernie, ranker, BASE_MODEL
