/**
 * The PyTorch contestant's Python side, run as `python3 -c SCRIPT`: a long-lived child that reads
 * one JSON command a line on stdin and answers one JSON line on stdout, so its timed rounds
 * interleave with ours. It trains the way a PyTorch user would: nn.Sequential of Linear layers,
 * the loss from the logits, torch.optim.SGD, batches cut once in file order, one thread.
 *
 *   {"cmd":"info"}                                  → {"torch": "1.13.0", "threads": 1, "blas": "..."}
 *   {"cmd":"setup", file, n, d, k, layers, loss, batch, lr, dtype}  → {"ok": true}
 *     file holds float64 values: X (n×d), Y (n×k), then per layer W (fanIn×units) and b.
 *   {"cmd":"run", "ms": 1000}                       → {"steps": N}
 */
export const TORCH_PEER_SCRIPT = String.raw`
import json, sys, time
import numpy as np
import torch

torch.set_num_threads(1)
try:
    torch.set_num_interop_threads(1)
except RuntimeError:
    pass

ACTIVATIONS = {
    'relu': torch.nn.ReLU, 'tanh': torch.nn.Tanh, 'sigmoid': torch.nn.Sigmoid,
    'linear': torch.nn.Identity, 'softmax': torch.nn.Identity,
}
state = {}

def blas():
    for line in torch.__config__.show().split(','):
        if 'BLAS_INFO' in line:
            return line.split('=')[-1].strip()
    return 'unknown'

def setup(c):
    dtype = torch.float64 if c['dtype'] == 'float64' else torch.float32
    raw = np.fromfile(c['file'], dtype=np.float64)
    at = [0]
    def take(count, shape):
        part = raw[at[0]:at[0] + count].reshape(shape)
        at[0] += count
        return torch.from_numpy(np.ascontiguousarray(part)).to(dtype)
    n, d, k = c['n'], c['d'], c['k']
    X, Y = take(n * d, (n, d)), take(n * k, (n, k))
    modules, fan = [], d
    last = len(c['layers']) - 1
    for i, layer in enumerate(c['layers']):
        units = layer['units']
        linear = torch.nn.Linear(fan, units).to(dtype)
        with torch.no_grad():
            linear.weight.copy_(take(fan * units, (fan, units)).t())
            linear.bias.copy_(take(units, (units,)))
        modules.append(linear)
        if i < last:
            modules.append(ACTIVATIONS[layer['activation']]())
        fan = units
    model = torch.nn.Sequential(*modules)
    if c['loss'] == 'softmax-cross-entropy':
        Y = Y.argmax(1)
        loss = torch.nn.CrossEntropyLoss()
    elif c['loss'] == 'binary-cross-entropy':
        loss = torch.nn.BCEWithLogitsLoss()
    else:
        loss = lambda out, y: 0.5 * ((out - y) ** 2).sum(1).mean()
    b = c['batch']
    state.update(model=model, loss=loss, next=0,
                 batches=[(X[f:f + b].contiguous(), Y[f:f + b].contiguous()) for f in range(0, n, b)],
                 optimizer=torch.optim.SGD(model.parameters(), lr=c['lr']))
    return {'ok': True}

def run(ms):
    model, loss, optimizer, batches = state['model'], state['loss'], state['optimizer'], state['batches']
    steps, i = 0, state['next']
    end = time.perf_counter() + ms / 1000
    while time.perf_counter() < end:
        x, y = batches[i]
        i = (i + 1) % len(batches)
        optimizer.zero_grad(set_to_none=True)
        loss(model(x), y).backward()
        optimizer.step()
        steps += 1
    state['next'] = i
    return {'steps': steps}

for line in sys.stdin:
    c = json.loads(line)
    try:
        if c['cmd'] == 'info':
            reply = {'torch': torch.__version__, 'threads': torch.get_num_threads(), 'blas': blas()}
        elif c['cmd'] == 'setup':
            reply = setup(c)
        else:
            reply = run(c['ms'])
    except Exception as error:
        reply = {'error': repr(error)}
    sys.stdout.write(json.dumps(reply) + '\n')
    sys.stdout.flush()
`
