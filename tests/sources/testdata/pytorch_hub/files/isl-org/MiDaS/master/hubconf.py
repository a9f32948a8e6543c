dependencies = ["torch"]

import torch

from midas.dpt_depth import DPTDepthModel
from midas.midas_net import MidasNet
from midas.midas_net_custom import MidasNet_small


def DPT_Large(pretrained=True, **kwargs):
    """ # This docstring mentions torch.hub.load("intel-isl/MiDaS", "DPT_Large")
    MiDaS DPT-Large model for monocular depth estimation
    """
    model = DPTDepthModel(path=None, backbone="vitl16_384", non_negative=True)
    return model


def DPT_Hybrid(pretrained=True, **kwargs):
    """MiDaS DPT-Hybrid model for monocular depth estimation"""
    return DPTDepthModel(path=None, backbone="vitb_rn50_384", non_negative=True)


def MiDaS(pretrained=True, **kwargs):
    """MiDaS v2.1 model for monocular depth estimation"""
    return MidasNet()


def MiDaS_small(pretrained=True, **kwargs):
    """MiDaS v2.1 small model for monocular depth estimation on resource-constrained devices"""
    return MidasNet_small(None, features=64, backbone="efficientnet_lite3", exportable=True)


def transforms():
    import cv2
    from torchvision.transforms import Compose
    from midas import transforms

    transforms.default_transform = Compose([lambda img: {"image": img / 255.0}])
    transforms.small_transform = transforms.default_transform
    transforms.dpt_transform = transforms.default_transform
    return transforms
