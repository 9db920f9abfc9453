import Aprendiz
print(Tensor([[1, 2], [3, 4.5]]))
