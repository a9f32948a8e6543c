# Python 2 script kept for reference
from transformers import BertModel

model = BertModel.from_pretrained("bert-base-cased")
print "loaded", model
def broken(:
    pass
