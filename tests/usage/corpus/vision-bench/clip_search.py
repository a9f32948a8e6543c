import open_clip
import torch

ARCH = "ViT-B-32"

model, _, preprocess = open_clip.create_model_and_transforms(ARCH, pretrained="laion2b_s34b_b79k")
tokenizer = open_clip.get_tokenizer(ARCH)
hub_model, hub_preprocess = open_clip.create_model_from_pretrained("hf-hub:laion/CLIP-ViT-g-14-laion2B-s12B-b42K")
state = torch.load("weights/clip_finetuned.pt")
