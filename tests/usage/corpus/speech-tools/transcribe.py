import os

import nemo.collections.asr as nemo_asr
from asteroid.models import BaseModel
from espnet2.bin.tts_inference import Text2Speech
from fairseq.checkpoint_utils import load_model_ensemble_and_task_from_hf_hub
from pyannote.audio import Pipeline
from speechbrain.inference.speaker import EncoderClassifier
from tensorflow_tts.inference import TFAutoModel

HF_TOKEN = os.environ.get("HF_TOKEN")
ASR_MODEL = os.environ.get("ASR_MODEL", "nvidia/stt_en_conformer_ctc_large")


def diarize(path):
    pipeline = Pipeline.from_pretrained("pyannote/speaker-diarization-3.1", use_auth_token=HF_TOKEN)
    return pipeline(path)


def speaker_embedding(savedir="pretrained_models/spkrec"):
    return EncoderClassifier.from_hparams(source="speechbrain/spkrec-ecapa-voxceleb", savedir=savedir)


def transcribe(files):
    asr = nemo_asr.models.ASRModel.from_pretrained(model_name=ASR_MODEL)
    return asr.transcribe(files)


def separate():
    return BaseModel.from_pretrained("mpariente/DPRNNTasNet-ks2_WHAM_sepclean")


def tts(lang="en"):
    tag = f"espnet/kan-bayashi_ljspeech_{'vits'}"
    text2speech = Text2Speech.from_pretrained(model_tag=tag)
    tacotron = TFAutoModel.from_pretrained("tensorspeech/tts-tacotron2-ljspeech-en")
    return text2speech, tacotron


def translate():
    models, cfg, task = load_model_ensemble_and_task_from_hf_hub("facebook/fastspeech2-en-ljspeech")
    return models[0]
