"""Benchmarks ImageNet backbones from timm, torchvision and PyTorch Hub."""
import argparse

import timm
import torch
import torchvision
from torchvision import models
from torchvision.models import ResNet50_Weights, efficientnet_b0

TIMM_MODELS = ["resnet50", "convnext_tiny"]
DEFAULT_BACKBONE = "vit_base_patch16_224"
DINO_REPO = "facebookresearch/dino:main"


def timm_backbone(name=DEFAULT_BACKBONE, pretrained=True):
    return timm.create_model(name, pretrained=pretrained)


def timm_from_hub():
    return timm.create_model("hf_hub:timm/eva02_large_patch14_448.mim_m38m_ft_in22k_in1k", pretrained=True)


def timm_all():
    # one call per architecture: the name is a loop variable
    return [timm.create_model(arch, pretrained=True) for arch in TIMM_MODELS]


def torchvision_models():
    r50 = models.resnet50(weights=ResNet50_Weights.IMAGENET1K_V2)
    eff = efficientnet_b0(weights="DEFAULT")
    vit = torchvision.models.vit_b_16(weights="IMAGENET1K_V1")
    named = models.get_model("mobilenet_v3_large", weights="DEFAULT")
    return r50, eff, vit, named


def hub_models(args):
    dino = torch.hub.load(DINO_REPO, "dino_vits16")
    yolo = torch.hub.load("ultralytics/yolov5", model="yolov5s", pretrained=True)
    midas = torch.hub.load(repo_or_dir="intel-isl/MiDaS", model=args.depth_model)
    local = torch.hub.load("./third_party/yolov5", "custom", source="local", path="best.pt")
    return dino, yolo, midas, local


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--depth-model", default="DPT_Large")
    hub_models(parser.parse_args())
