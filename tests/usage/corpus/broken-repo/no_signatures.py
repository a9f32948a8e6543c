import numpy as np

print(np.zeros(3), "bert-base-uncased")
