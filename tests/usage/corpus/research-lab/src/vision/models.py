import timm
from transformers import CLIPModel, ViTModel

from vision import VIT

from . import DEFAULT_BACKBONE
from .settings import CLIP_MODEL


def build():
    backbone = timm.create_model(DEFAULT_BACKBONE, pretrained=True)
    clip = CLIPModel.from_pretrained(CLIP_MODEL)
    vit = ViTModel.from_pretrained(VIT)
    return backbone, clip, vit
