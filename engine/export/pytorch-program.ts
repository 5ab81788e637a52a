/**
 * The fixed part of the exported PyTorch script: everything but the project's settings (written
 * above it) and its state (written below it). Each function mirrors one engine rule, named in its
 * docstring, so a reader can check the script against docs/engine.md line by line.
 */
export const PYTORCH_PROGRAM = String.raw`
SCRIPT = os.path.basename(sys.argv[0]) or "train.py"
HERE = os.path.dirname(os.path.abspath(__file__))


class ScriptError(Exception):
    """A problem with the script's inputs or its run: reported as one line, without a traceback."""


class ArgumentParser(argparse.ArgumentParser):
    def error(self, message):
        raise ScriptError(message)


# ---- the batch order: the studio's seeded generator, bit for bit --------------------------------

MASK = 0xFFFFFFFF


class Sfc32:
    """engine/math/random.ts: sfc32 (128-bit state), seeded through splitmix32 and 15 warm-up rounds."""

    def __init__(self, state):
        self.a, self.b, self.c, self.d = (int(word) & MASK for word in state[:4])

    @classmethod
    def seeded(cls, seed):
        s = seed & MASK
        words = []
        for _ in range(4):
            s = (s + 0x9E3779B9) & MASK
            z = ((s ^ (s >> 16)) * 0x85EBCA6B) & MASK
            z = ((z ^ (z >> 13)) * 0xC2B2AE35) & MASK
            words.append(z ^ (z >> 16))
        rng = cls(words)
        for _ in range(15):
            rng.next_uint32()
        return rng

    def next_uint32(self):
        t = (self.a + self.b + self.d) & MASK
        self.d = (self.d + 1) & MASK
        self.a = self.b ^ (self.b >> 9)
        self.b = (self.c + (self.c << 3)) & MASK
        self.c = ((self.c << 21) | (self.c >> 11)) & MASK
        self.c = (self.c + t) & MASK
        return t

    def next(self):
        """Uniform in [0, 1) with 53 random bits."""
        hi = self.next_uint32() >> 5
        lo = self.next_uint32() >> 6
        return (hi * 67108864 + lo) / 9007199254740992

    def shuffle(self, values):
        """Fisher-Yates in place, from the end, as the studio shuffles an epoch's rows."""
        for i in range(len(values) - 1, 0, -1):
            j = math.floor(self.next() * (i + 1))
            values[i], values[j] = values[j], values[i]


# ---- data: the exported rows, then features and standardization as the studio prepares them -----

FEATURE_FUNCTIONS = {
    "x1": lambda x1, x2: x1,
    "x2": lambda x1, x2: x2,
    "x1^2": lambda x1, x2: x1 * x1,
    "x2^2": lambda x1, x2: x2 * x2,
    "x1*x2": lambda x1, x2: x1 * x2,
    "sin(x1)": lambda x1, x2: math.sin(x1),
    "sin(x2)": lambda x1, x2: math.sin(x2),
}


def read_rows(path):
    """The data file: a 'split' column (train or test), the raw inputs, the targets (one-hot for classes)."""
    if not os.path.isfile(path):
        raise ScriptError(f"{path}: data file not found (the export writes it beside the script)")
    expected = ["split", *INPUT_COLUMNS, *TARGET_COLUMNS]
    rows = {"train": ([], []), "test": ([], [])}
    with open(path, newline="", encoding="utf-8") as file:
        reader = csv.reader(file)
        header = next(reader, [])
        if header != expected:
            raise ScriptError(f"{path}: expected the columns {','.join(expected)}, found {','.join(header)}")
        for line, cells in enumerate(reader, start=2):
            if len(cells) != len(expected):
                raise ScriptError(f"{path}, line {line}: expected {len(expected)} cells, found {len(cells)}")
            if cells[0] not in rows:
                raise ScriptError(f"{path}, line {line}: split must be train or test, got {cells[0]!r}")
            try:
                values = [float(cell) for cell in cells[1:]]
            except ValueError:
                raise ScriptError(f"{path}, line {line}: every input and target must be a number") from None
            if not all(math.isfinite(value) for value in values):
                raise ScriptError(f"{path}, line {line}: every input and target must be finite")
            inputs, targets = rows[cells[0]]
            inputs.append(values[: len(INPUT_COLUMNS)])
            targets.append(values[len(INPUT_COLUMNS) :])
    if not rows["train"][0]:
        raise ScriptError(f"{path}: no training rows")
    return rows


def features_of(raw_inputs):
    """engine/data/features.ts: each 2-D point (x1, x2) becomes one value per chosen feature."""
    if FEATURES is None:
        return raw_inputs
    return [[FEATURE_FUNCTIONS[name](x1, x2) for name in FEATURES] for x1, x2 in raw_inputs]


def standardization(X):
    """Population mean and standard deviation of the training rows; a constant column keeps mean 0, std 1."""
    mean = X.mean(dim=0)
    std = (X - mean).pow(2).mean(dim=0).sqrt()
    constant = ~(std > 1e-12 * mean.abs().clamp(min=1))
    return mean.masked_fill(constant, 0.0), std.masked_fill(constant, 1.0)


def prepare_data(path, dtype, device):
    """Train and test tensors (inputs X, targets Y), prepared in float64 as the studio does, then cast."""
    rows = read_rows(path)
    split = {}
    for name, (inputs, targets) in rows.items():
        X = torch.tensor(features_of(inputs), dtype=torch.float64).reshape(len(inputs), INPUTS)
        Y = torch.tensor(targets, dtype=torch.float64).reshape(len(targets), LAYERS[-1][0])
        split[name] = [X, Y]
    if STANDARDIZE:
        mean, std = standardization(split["train"][0])
        for pair in split.values():
            pair[0] = (pair[0] - mean) / std
    return {name: (X.to(device, dtype), Y.to(device, dtype)) for name, (X, Y) in split.items()}


# ---- the network: nn.Linear layers and their activations --------------------------------------------


class Sine(nn.Module):
    """H = sin(Z): PyTorch has no module for it."""

    def forward(self, z):
        return torch.sin(z)


def activation_module(name, slope):
    """R of a layer; leaky-relu's slope for z < 0 is the layer's alpha."""
    modules = {
        "linear": nn.Identity,
        "sigmoid": nn.Sigmoid,
        "tanh": nn.Tanh,
        "relu": nn.ReLU,  # relu'(0) = 0, as in the studio
        "leaky-relu": lambda: nn.LeakyReLU(slope),
        "sine": Sine,
        "softmax": lambda: nn.Softmax(dim=1),
    }
    return modules[name]()


def build_network():
    """Z = H_prev·W + b, H = R(Z) per layer. The model ends at the output layer's Z (the logits):
    the cross-entropies are computed from the logits, as the studio computes them, and
    OUTPUT_ACTIVATION turns Z into the prediction ŷ."""
    modules, fan_in = [], INPUTS
    for index, (units, activation, slope) in enumerate(LAYERS):
        modules.append(nn.Linear(fan_in, units))
        if index < len(LAYERS) - 1:
            modules.append(activation_module(activation, slope))
        fan_in = units
    return nn.Sequential(*modules)


OUTPUT_ACTIVATION = activation_module(LAYERS[-1][1], LAYERS[-1][2])


def as_matrix(rows, shape, what):
    """A nested list W[i][j] (from input i to unit j) as a float64 tensor of the given shape, checked."""
    matrix = torch.tensor(rows, dtype=torch.float64)
    if tuple(matrix.shape) != tuple(shape):
        raise ScriptError(f"{what}: expected shape {tuple(shape)}, found {tuple(matrix.shape)}")
    if not torch.isfinite(matrix).all():
        raise ScriptError(f"{what}: every value must be finite")
    return matrix


def load_layers(linears, layers, what):
    """The studio's per-layer {W, b} (W is inputs × units) as tensors in nn.Linear's layout (units × inputs)."""
    if len(layers) != len(linears):
        raise ScriptError(f"{what}: expected {len(linears)} layers, found {len(layers)}")
    tensors = []
    for index, (linear, layer) in enumerate(zip(linears, layers)):
        W = as_matrix(layer["W"], (linear.in_features, linear.out_features), f"{what}[{index}].W")
        b = as_matrix(layer["b"], (linear.out_features,), f"{what}[{index}].b")
        tensors += [W.T.contiguous(), b]
    return tensors


def data_cost_sum(z, y):
    """Σ over the rows of each sample's cost (docs/engine.md, Costs); divided by the row count it is the mean."""
    if LOSS == "mse":
        return 0.5 * (OUTPUT_ACTIVATION(z) - y).pow(2).sum()
    if LOSS == "binary-cross-entropy":
        return F.binary_cross_entropy_with_logits(z, y, reduction="sum")
    return -(y * F.log_softmax(z, dim=1)).sum()


def penalty(linears):
    """Added to the mean cost, over weights only (never biases): l2 (λ/2)·Σw², l1 λ·Σ|w|."""
    kind, rate = REGULARIZATION["kind"], REGULARIZATION["rate"]
    if kind == "none" or rate == 0:
        return torch.zeros((), dtype=linears[0].weight.dtype, device=linears[0].weight.device)
    if kind == "l2":
        return 0.5 * rate * sum(linear.weight.pow(2).sum() for linear in linears)
    return rate * sum(linear.weight.abs().sum() for linear in linears)


# ---- optimizers, as docs/engine.md defines them ------------------------------------------------------


class Momentum(torch.optim.Optimizer):
    """v = μ·v − lr·g; w += v (Nesterov: w += μ·v − lr·g), the studio's form.

    torch.optim.SGD(momentum=μ) keeps v' = μ·v' + g and steps w −= lr·v': the same path while the
    learning rate is fixed, but its velocity is another quantity (v = −lr·v'), so the studio's saved
    velocity would not carry over, and a changed rate would bend the path differently."""

    def __init__(self, params, lr, momentum=0.9, nesterov=False):
        super().__init__(params, dict(lr=lr, momentum=momentum, nesterov=nesterov))

    @torch.no_grad()
    def step(self, closure=None):
        for group in self.param_groups:
            lr, mu = group["lr"], group["momentum"]
            for p in group["params"]:
                state = self.state[p]
                if "velocity" not in state:
                    state["velocity"] = torch.zeros_like(p)
                v = state["velocity"]
                v.mul_(mu).add_(p.grad, alpha=-lr)
                p.add_(v * mu - lr * p.grad if group["nesterov"] else v)


# The studio's slot names and torch.optim's state keys for the same quantities.
STATE_KEYS = {"momentum": {"velocity": "velocity"}, "rmsprop": {"meanSquare": "square_avg"}, "adam": {"m": "exp_avg", "v": "exp_avg_sq"}}


def build_optimizer(params, linears, saved):
    """SGD, RMSprop (ε outside the root) and Adam (bias-corrected, ε outside the root) are
    torch.optim's own, which compute what docs/engine.md defines; momentum has its own class."""
    spec = OPTIMIZER
    name, lr = spec["name"], spec["learningRate"]
    if name == "sgd":
        optimizer = torch.optim.SGD(params, lr=lr)
    elif name == "momentum":
        optimizer = Momentum(params, lr, spec.get("momentum", 0.9), spec.get("nesterov", False))
    elif name == "rmsprop":
        optimizer = torch.optim.RMSprop(params, lr=lr, alpha=spec.get("rho", 0.9), eps=spec.get("epsilon", 1e-8))
    else:
        optimizer = torch.optim.Adam(params, lr=lr, betas=(spec.get("beta1", 0.9), spec.get("beta2", 0.999)), eps=spec.get("epsilon", 1e-8))
    if saved is not None and saved["name"] == name and name in STATE_KEYS:
        slots = {key: load_layers(linears, saved["slots"][slot], f"optimizerState.slots.{slot}") for slot, key in STATE_KEYS[name].items()}
        state = optimizer.state_dict()
        step = {} if name == "momentum" else {"step": saved["t"]}
        state["state"] = {index: {**step, **{key: tensors[index] for key, tensors in slots.items()}} for index in range(2 * len(linears))}
        optimizer.load_state_dict(state)
    return optimizer
`
