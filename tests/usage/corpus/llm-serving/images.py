from diffusers import AutoPipelineForText2Image

LORA = "ByteDance/Hyper-SD"

pipe = AutoPipelineForText2Image.from_pretrained("stabilityai/sdxl-turbo")
pipe.load_lora_weights(LORA, weight_name="Hyper-SDXL-1step-lora.safetensors")
pipe.load_ip_adapter("h94/IP-Adapter", subfolder="models", weight_name="ip-adapter_sd15.bin")
