// The session's exports: generated from where training stands, refused with a clear message
// when there is nothing trained to export as a model.
import { describe, expect, it } from 'vitest'
import { createEngineSession } from './session'
import { testProject } from '../testing/projects'
import type { EngineEvent } from '../protocol'
import type { ExportedCode } from '../export/export-code'
import type { ProjectFile } from '../project/types'

const project: ProjectFile = {
  ...testProject(2, [{ units: 3, activation: 'tanh' }, { units: 1, activation: 'sigmoid' }], 'binary-cross-entropy', { batchSize: 10, epochs: 3 }),
  data: { source: 'csv', path: 'xor.csv', inputs: ['a', 'b'], targets: ['y'], trainFraction: 1 },
}
const csvText = 'a,b,y\n0,0,0\n0,1,1\n1,0,1\n1,1,0\n'

function session() {
  const events: EngineEvent[] = []
  const s = createEngineSession((e) => events.push(e), { now: () => 0, schedule: (fn) => setImmediate(fn) })
  let id = 0
  const send = async (body: object) => {
    const mine = ++id
    s.handle({ ...body, id: mine })
    for (let tries = 0; tries < 1000; tries++) {
      const reply = events.find((e) => e.type === 'reply' && e.id === mine)
      if (reply?.type === 'reply') return reply
      await new Promise((r) => setImmediate(r))
    }
    throw new Error('no reply')
  }
  return { s, send }
}

describe("the session's export-code", () => {
  it('refuses an ONNX model of an untrained project, then exports script, data and model once it has trained', async () => {
    const { s, send } = session()
    await send({ type: 'load-project', project, csvText })
    expect(await send({ type: 'export-code', format: 'onnx', dataFileName: 'x.csv' })).toMatchObject({
      ok: false,
      error: 'the project has no trained weights: train it before exporting an ONNX model',
    })
    await send({ type: 'train', action: 'step-batch' })
    const script = await send({ type: 'export-code', format: 'pytorch', dataFileName: 'xor.data.csv' })
    expect(script.ok && script.result).toMatchObject({ format: 'pytorch', data: 'split,a,b,y\ntrain,0,0,0\ntrain,0,1,1\ntrain,1,0,1\ntrain,1,1,0\n', notes: [] })
    expect(script.ok && (script.result as ExportedCode & { format: 'pytorch' }).script).toContain('"step":1,')
    const model = await send({ type: 'export-code', format: 'onnx', dataFileName: 'x.csv' })
    expect(model.ok && (model.result as ExportedCode & { format: 'onnx' }).bytes.length).toBeGreaterThan(100)
    s.dispose()
  })

  it('refuses a data file name with a folder in it', async () => {
    const { s, send } = session()
    await send({ type: 'load-project', project, csvText })
    expect(await send({ type: 'export-code', format: 'pytorch', dataFileName: '../x.csv' })).toMatchObject({ ok: false, error: expect.stringContaining('dataFileName') })
    s.dispose()
  })
})
