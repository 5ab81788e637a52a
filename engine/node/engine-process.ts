// Entry of the engine process. Electron runs it with utilityProcess.fork, the browser host
// with child_process.fork. It announces itself so the supervisor knows it started.
const parentPort = (process as NodeJS.Process & { parentPort?: { postMessage(message: unknown): void } }).parentPort

if (parentPort) parentPort.postMessage({ type: 'ready' })
else if (process.send) process.send({ type: 'ready' })
