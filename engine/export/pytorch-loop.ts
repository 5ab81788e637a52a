/**
 * The exported script's run: one process or many, the metrics it prints and writes, the training
 * loop and the command line (after the settings, the program and the state are defined).
 */
export const PYTORCH_MAIN = String.raw`
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
