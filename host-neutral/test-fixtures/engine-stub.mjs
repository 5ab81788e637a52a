// A stand-in engine process for the supervisor tests: behaves as argv[2] says.
const behaviour = process.argv[2]

if (behaviour === 'crash-before-ready') process.exit(4)
if (behaviour !== 'silent') process.send({ type: 'ready' })
if (behaviour === 'crash-after-ready') setTimeout(() => process.exit(3), 10)

process.on('message', (message) => process.send({ type: 'echo', message }))
process.on('disconnect', () => process.exit(0))
// Stays alive until killed.
setInterval(() => {}, 60_000)
