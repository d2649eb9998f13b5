# The reference values of tests/core/test_layer_norm.cpp: run with Debian's python3-torch.
import torch, math
n, m = 5, 3
z = torch.tensor([[math.sin(1.3*u + 0.7*j) * 3 + j for u in range(n)] for j in range(m)], dtype=torch.float32, requires_grad=True)  # m x n
ln = torch.nn.LayerNorm(n, eps=1e-5)
with torch.no_grad():
    ln.weight.copy_(torch.tensor([0.5 + 0.25*u for u in range(n)]))
    ln.bias.copy_(torch.tensor([0.1*u - 0.2 for u in range(n)]))
r = torch.tensor([[math.cos(0.9*u - 0.4*j) for u in range(n)] for j in range(m)], dtype=torch.float32)
out = ln(z)
(out * r).sum().backward()
def fmt(t):  # n x m (units x examples), row-major
    t = t.detach().t().contiguous()
    return ", ".join("%.7g" % v for v in t.flatten().tolist())
print("zTilde:", fmt(out)); print("dZ:", fmt(z.grad)); print("dGamma:", ", ".join("%.7g"%v for v in ln.weight.grad.tolist())); print("dBeta:", ", ".join("%.7g"%v for v in ln.bias.grad.tolist()))
