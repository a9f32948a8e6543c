from transformers import CLIPVisionModel

from ..settings import CLIP_MODEL as BACKBONE


def head():
    return CLIPVisionModel.from_pretrained(BACKBONE)
