from transformers import AutoModelForObjectDetection

from config import Defaults

model = AutoModelForObjectDetection.from_pretrained(Defaults.DETECTOR)
