'''
hubconf.py for pytorch_gan_zoo repo

## Users can get the diverse models of pytorch_gan_zoo by calling
hub_model = hub.load(
    '??/pytorch_gan_zoo:master',
    $MODEL_NAME, #
    config = None,
    useGPU = True,
    pretrained=False)

def NotAModel(): the docstring above is not code
'''

import torch.utils.model_zoo as model_zoo

# Optional list of dependencies required by the package
dependencies = ['torch', 'torchvision']


def PGAN(model_name, pretrained=False, *args, **kwargs):
    """
    Progressive growing model
    pretrained (bool): load a pretrained model ?
    model_name (string): if pretrained, load one of the following models
    celebaHQ-256, celebaHQ-512, DTD, celeba, cifar10. Default is celebaHQ.
    """
    from models.progressive_gan import ProgressiveGAN as PGAN
    model = PGAN(**kwargs)
    return model


def DCGAN(pretrained=False, *args, **kwargs):
    """
    DCGAN basic model
    pretrained (bool): load a pretrained model ? In this case load a model
    trained on fashionGen cloth
    """
    from models.DCGAN import DCGAN
    return DCGAN(**kwargs)
