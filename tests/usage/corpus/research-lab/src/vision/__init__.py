DEFAULT_BACKBONE = "resnet50"

from .settings import *  # noqa: E402,F403
