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


# ---- one process or many -------------------------------------------------------------------------------


def setup_devices(device_name):
    """(rank, world size, device). Under torchrun each process takes a slice of every batch."""
    if device_name == "cuda" and not torch.cuda.is_available():
        raise ScriptError("--device cuda: no CUDA device is available to PyTorch")
    world = int(os.environ.get("WORLD_SIZE", "1"))
    if world == 1:
        return 0, 1, torch.device(device_name)
    rank, local_rank = int(os.environ["RANK"]), int(os.environ.get("LOCAL_RANK", os.environ["RANK"]))
    if device_name == "cuda":
        torch.cuda.set_device(local_rank)
    dist.init_process_group("nccl" if device_name == "cuda" else "gloo")
    return rank, world, torch.device(device_name, local_rank) if device_name == "cuda" else torch.device("cpu")


def my_slice(count, rank, world):
    """This process's share of a batch of count rows: contiguous, sizes differing by at most one."""
    return slice(rank * count // world, (rank + 1) * count // world)


# ---- metrics ---------------------------------------------------------------------------------------------


@torch.no_grad()
def evaluate(model, linears, X, Y):
    """Mean cost plus penalty over a whole split; accuracy (one output: ŷ ≥ 0.5; several: argmax) or R²."""
    if len(X) == 0:
        return {"loss": math.nan}
    z = model(X)
    result = {"loss": data_cost_sum(z, Y).item() / len(X) + penalty(linears).item()}
    y_hat = OUTPUT_ACTIVATION(z)
    if KIND == "regression":
        ss_res = (y_hat - Y).pow(2).sum().item()
        ss_tot = (Y - Y.mean(dim=0)).pow(2).sum().item()
        result["r2"] = 1 - ss_res / ss_tot if ss_tot > 0 else math.nan
    elif Y.shape[1] == 1:
        result["accuracy"] = ((y_hat >= 0.5) == (Y >= 0.5)).sum().item() / len(X)
    else:
        result["accuracy"] = (y_hat.argmax(dim=1) == Y.argmax(dim=1)).sum().item() / len(X)
    return result


def js_number(value):
    """A number as the studio's CSV writes it (JavaScript's shortest round-trip form, Number::toString)."""
    if value is None or isinstance(value, (str, int)):
        return "" if value is None else str(value)
    if math.isnan(value) or math.isinf(value):
        return "NaN" if math.isnan(value) else "Infinity" if value > 0 else "-Infinity"
    if value == 0:
        return "0"
    _, digit_tuple, exponent = Decimal(repr(abs(value))).normalize().as_tuple()
    digits = "".join(map(str, digit_tuple))
    k, n = len(digits), len(digits) + exponent  # value = 0.digits × 10^n
    sign = "-" if value < 0 else ""
    if k <= n <= 21:
        return sign + digits + "0" * (n - k)
    if 0 < n <= 21:
        return f"{sign}{digits[:n]}.{digits[n:]}"
    if -6 < n <= 0:
        return f"{sign}0.{'0' * -n}{digits}"
    fraction = f".{digits[1:]}" if k > 1 else ""
    return f"{sign}{digits[0]}{fraction}e{'+' if n - 1 > 0 else '-'}{abs(n - 1)}"


CSV_HEADER = "epoch,step,train_loss,test_loss,accuracy,r2,evaluated_on"


def csv_row(m):
    cells = [m["epoch"], m["step"], m["trainLoss"], m["testLoss"], m.get("accuracy"), m.get("r2"), m["evaluatedOn"]]
    return ",".join(js_number(cell) for cell in cells)


def epoch_line(m, epochs):
    score = f" accuracy {m['accuracy'] * 100:.1f}%" if "accuracy" in m else f" R² {m['r2']:.4f}" if "r2" in m else ""
    test = "–" if math.isnan(m["testLoss"]) else f"{m['testLoss']:.5f}"
    return f"epoch {m['epoch']}/{epochs} step {m['step']} train loss {m['trainLoss']:.5f} test loss {test}{score}"


def write_atomically(path, text):
    """The file gets all of the new text or keeps its old content (a temp file beside it, then a rename)."""
    temp = os.path.join(os.path.dirname(os.path.abspath(path)), f".{os.path.basename(path)}.{os.getpid()}.tmp")
    try:
        with open(temp, "w", encoding="utf-8") as file:
            file.write(text)
        os.replace(temp, path)
    except OSError as error:
        if os.path.exists(temp):
            os.remove(temp)
        raise ScriptError(f"cannot write {path}: {error.strerror}") from None


def weights_of(linears):
    """The project's weights layout: per layer {W: inputs × units, b}."""
    return [{"W": linear.weight.detach().T.double().cpu().tolist(), "b": linear.bias.detach().double().cpu().tolist()} for linear in linears]
`

/** The training loop and the command line: runs after the settings and the state are defined. */
export const PYTORCH_MAIN = String.raw`
# ---- training, as backprop-studio train runs it ------------------------------------------------------


def parse_args():
    parser = ArgumentParser(prog=SCRIPT, description="Trains the exported project from where it stands, as the studio would.")
    parser.add_argument("--epochs", type=int, help=f"train this many more epochs (default: up to the project's {EPOCHS})")
    parser.add_argument("--dtype", choices=["float64", "float32"], default=PRECISION, help=f"precision (default {PRECISION}; float64 gives the studio's numbers)")
    parser.add_argument("--device", choices=["cpu", "cuda"], default="cpu")
    parser.add_argument("--log", help="write the per-epoch metrics as CSV (the columns of backprop-studio train --log)")
    parser.add_argument("--out", help="write the trained weights as JSON (the project file's weights layout)")
    args = parser.parse_args()
    if args.epochs is not None and args.epochs < 0:
        raise ScriptError(f"--epochs must be a whole number ≥ 0, got {args.epochs}")
    return args


def load_parameters(model, linears):
    with torch.no_grad():
        for parameter, value in zip(model.parameters(), load_layers(linears, START["weights"], "weights")):
            parameter.copy_(value)


def train(args):
    rank, world, device = setup_devices(args.device)
    dtype = getattr(torch, args.dtype)
    data = prepare_data(os.path.join(HERE, DATA_FILE), dtype, device)
    (X, Y), (X_test, Y_test) = data["train"], data["test"]
    model = build_network().to(device=device, dtype=dtype)
    linears = [module for module in model if isinstance(module, nn.Linear)]
    load_parameters(model, linears)
    trained = model if world == 1 else DistributedDataParallel(model, device_ids=[device.index] if device.type == "cuda" else None)
    optimizer = build_optimizer(model.parameters(), linears, START["optimizerState"])

    n = len(X)
    progress = START["progress"]
    if progress is None:  # a fresh run: the shuffle stream of the training seed
        rng, epoch, step, row, loss_sum, batches = Sfc32.seeded(SEED ^ 0x6A09E667), 0, 0, 0, 0.0, 0
    else:  # where the studio stopped: the generator as it stood at the epoch's start, replayed
        rng, epoch, step = Sfc32(progress["rngState"]), progress["epoch"], progress["step"]
        row, loss_sum, batches = min(progress["rowInEpoch"], n), progress.get("epochLossSum", 0.0), progress.get("epochBatches", 0)
    target = EPOCHS if args.epochs is None else epoch + args.epochs
    metrics = []
    while epoch < target:
        order = list(range(n))
        if SHUFFLE:
            rng.shuffle(order)
        order = torch.tensor(order, device=device)
        while row < n:  # a trailing partial batch is a step of its own, averaged over its own rows
            count = min(BATCH_SIZE, n - row)
            mine = order[row : row + count][my_slice(count, rank, world)]
            cost_sum = data_cost_sum(trained(X[mine]), Y[mine])
            weight_penalty = penalty(linears)
            # DDP averages the processes' gradients; scaled by world / count, that average is the
            # gradient of the whole batch's mean cost, whatever the sizes of the slices.
            loss = cost_sum * (world / count) + weight_penalty
            optimizer.zero_grad()
            loss.backward()
            batch_cost = cost_sum.detach().clone()
            if world > 1:
                dist.all_reduce(batch_cost)
            batch_loss = batch_cost.item() / count + weight_penalty.item()
            if not math.isfinite(batch_loss):
                raise ScriptError(f"diverged at step {step}: the batch loss is {batch_loss}; lower the learning rate")
            optimizer.step()
            step, loss_sum, batches, row = step + 1, loss_sum + batch_loss, batches + 1, row + count
        epoch, row = epoch + 1, 0
        if not all(torch.isfinite(parameter).all() for parameter in model.parameters()):
            raise ScriptError(f"diverged in epoch {epoch}: a weight is no longer finite; lower the learning rate")
        on_test = evaluate(model, linears, X_test, Y_test)
        scored = on_test if len(X_test) > 0 else evaluate(model, linears, X, Y)
        m = {"epoch": epoch, "step": step, "trainLoss": loss_sum / max(batches, 1), "testLoss": on_test["loss"]}
        m.update({key: value for key, value in scored.items() if key != "loss"}, evaluatedOn="test" if len(X_test) > 0 else "train")
        loss_sum, batches = 0.0, 0
        metrics.append(m)
        if rank == 0:
            print(epoch_line(m, target), flush=True)
    if rank == 0 and args.log:
        write_atomically(args.log, "\n".join([CSV_HEADER, *map(csv_row, metrics)]) + "\n")
    if rank == 0 and args.out:
        write_atomically(args.out, json.dumps(weights_of(linears)) + "\n")


def main():
    try:
        train(parse_args())
    except ScriptError as error:
        print(f"{SCRIPT}: {error}", file=sys.stderr)
        sys.exit(2)
    finally:
        if dist.is_available() and dist.is_initialized():
            dist.destroy_process_group()
`
