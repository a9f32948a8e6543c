CLIP_MODEL = "openai/clip-vit-base-patch32"
VIT = "google/vit-base-patch16-224"
