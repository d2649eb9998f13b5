# The reference values of tests/core/test_normalizations.cpp: run with Debian's python3-torch.
# One hidden block (Linear 3 → 4, then the normalization and activation of each kind) in
# training mode on fixed inputs; loss Σ R ⊙ output. Prints the output, ∂L/∂X, ∂L/∂W, ∂L/∂b.
# With the argument `group`: Linear 3 → 6, GroupNorm(2, 6), Tanh.
import torch, math, sys
# Group norm needs more than 2 units a group to be more than a sign: 6 units in 2 groups.
n_in, n, m = 3, (6 if 'group' in sys.argv else 4), 5
x = torch.tensor([[math.sin(0.8*i + 1.1*j) * 2 + 0.3*j for i in range(n_in)] for j in range(m)],
                 dtype=torch.float32, requires_grad=True)  # m x n_in
W = [[math.cos(0.7*u + 1.3*i) for i in range(n_in)] for u in range(n)]
b = [0.2*u - 0.3 for u in range(n)]
gamma = [0.6 + 0.3*u for u in range(n)]
beta = [0.25 - 0.15*u for u in range(n)]
r = torch.tensor([[math.sin(1.7*u - 0.5*j + 0.2) for u in range(n)] for j in range(m)], dtype=torch.float32)

def linear():
    lin = torch.nn.Linear(n_in, n)
    with torch.no_grad():
        lin.weight.copy_(torch.tensor(W)); lin.bias.copy_(torch.tensor(b))
    return lin

def affine(norm):
    with torch.no_grad():
        norm.weight.copy_(torch.tensor(gamma)); norm.bias.copy_(torch.tensor(beta))
    return norm

kinds = {
    "group-norm": lambda: torch.nn.Sequential(linear(), affine(torch.nn.GroupNorm(2, n, eps=1e-5)), torch.nn.Tanh()),
} if 'group' in sys.argv else {
    "batch-norm-after": lambda: torch.nn.Sequential(linear(), torch.nn.ReLU(), affine(torch.nn.BatchNorm1d(n, eps=1e-5))),
    "batch-norm-no-affine": lambda: torch.nn.Sequential(linear(), torch.nn.BatchNorm1d(n, eps=1e-5, affine=False), torch.nn.Tanh()),
    "layer-norm": lambda: torch.nn.Sequential(linear(), affine(torch.nn.LayerNorm(n, eps=1e-5)), torch.nn.Tanh()),
}
def fmt(t):  # printed as units x examples (or as stored for W), row-major
    return ", ".join("%.7g" % v for v in t.detach().flatten().tolist())
for name, make in kinds.items():
    block = make(); block.train()
    if x.grad is not None: x.grad = None
    out = block(x)
    (out * r).sum().backward()
    lin = block[0]
    print(name)
    print("  output:", fmt(out.t().contiguous()))
    print("  dX:", fmt(x.grad.t().contiguous()))
    print("  dW:", fmt(lin.weight.grad))
    print("  db:", fmt(lin.bias.grad))
