from auto_gptq import AutoGPTQForCausalLM
from awq import AutoAWQForCausalLM
from optimum.onnxruntime import ORTModelForSequenceClassification
from transformers import AutoModelForCausalLM

gptq = AutoGPTQForCausalLM.from_quantized("TheBloke/Llama-2-7B-GPTQ", device="cuda:0")
awq = AutoAWQForCausalLM.from_quantized(quant_path="TheBloke/zephyr-7B-beta-AWQ", fuse_layers=True)
onnx = ORTModelForSequenceClassification.from_pretrained("optimum/distilbert-base-uncased-finetuned-sst-2-english")
base = AutoModelForCausalLM.from_pretrained("mistralai/Mistral-7B-v0.1")
base.load_adapter("ybelkada/opt-350m-lora")
