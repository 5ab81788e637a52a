/**
 * The ONNX export: the trained network for inference, raw inputs in. Input `x` [batch, raw inputs]
 * float32; the feature map (Gather, Mul, Sin, Concat) and the standardization (Sub, Div) are graph
 * nodes, then per layer Z = H_prev·W + b (Gemm, W as inputs × units, no transpose) and H = R(Z);
 * output `y` is the output layer's H. Opset 13, encoded by protobufjs from the official onnx.proto.
 */
import protobuf from 'protobufjs'
import { ONNX_PROTO } from './onnx/onnx-proto'
import { checkExportable } from './exportable'
import type { Standardization } from '../data/prepare'
import type { FeatureName, ProjectFile } from '../project/types'
import type { ActivationName } from '../nn/activations'

export const ONNX_OPSET = 13
/** IR version 7 is the one that introduced opset 13 (ONNX 1.8). */
const IR_VERSION = 7
const FLOAT = 1 // TensorProto.DataType.FLOAT
const INT64 = 7 // TensorProto.DataType.INT64
const ATTRIBUTE_FLOAT = 1 // AttributeProto.AttributeType.FLOAT
const ATTRIBUTE_INT = 2

export interface OnnxInputs {
  /** The features fed to the network, or null for the raw inputs. */
  features: FeatureName[] | null
  standardization: Standardization | null
  /** Names of the raw inputs and of the outputs, for the model's metadata. */
  inputNames: string[]
  outputNames: string[]
}

let modelType: protobuf.Type | null = null

/** The ModelProto type, parsed once from onnx.proto (field names as the spec writes them). */
function onnxModelType(): protobuf.Type {
  modelType ??= protobuf.parse(ONNX_PROTO, { keepCase: true }).root.lookupType('onnx.ModelProto')
  return modelType
}

type Attribute = { name: string; type: number; f?: number; i?: number }

class GraphBuilder {
  readonly node: object[] = []
  readonly initializer: object[] = []

  add(op_type: string, input: string[], output: string, attribute: Attribute[] = []): string {
    this.node.push({ op_type, input, output: [output], name: `${output}_${op_type}`, attribute })
    return output
  }

  floats(name: string, dims: number[], values: ArrayLike<number>): string {
    this.initializer.push({ name, dims, data_type: FLOAT, float_data: Array.from(values) })
    return name
  }

  int64s(name: string, dims: number[], values: number[]): string {
    this.initializer.push({ name, dims, data_type: INT64, int64_data: values })
    return name
  }
}

const intAttribute = (name: string, i: number): Attribute => ({ name, type: ATTRIBUTE_INT, i })

/** One column of x as [batch, 1]. */
function column(graph: GraphBuilder, index: number): string {
  const indices = graph.int64s(`column_${index + 1}`, [1], [index])
  return graph.add('Gather', ['x', indices], `x${index + 1}`, [intAttribute('axis', 1)])
}

/** The feature map of engine/data/features.ts, as nodes: x1, x2, x1², x2², x1·x2, sin x1, sin x2. */
function featureNodes(graph: GraphBuilder, features: FeatureName[]): string {
  const [x1, x2] = [column(graph, 0), column(graph, 1)]
  const made: Record<FeatureName, () => string> = {
    x1: () => x1,
    x2: () => x2,
    'x1^2': () => graph.add('Mul', [x1, x1], 'x1_squared'),
    'x2^2': () => graph.add('Mul', [x2, x2], 'x2_squared'),
    'x1*x2': () => graph.add('Mul', [x1, x2], 'x1_times_x2'),
    'sin(x1)': () => graph.add('Sin', [x1], 'sin_x1'),
    'sin(x2)': () => graph.add('Sin', [x2], 'sin_x2'),
  }
  return graph.add('Concat', features.map((f) => made[f]()), 'features', [intAttribute('axis', 1)])
}

function activationNode(graph: GraphBuilder, name: ActivationName, alpha: number, input: string, output: string): string {
  switch (name) {
    case 'linear':
      return graph.add('Identity', [input], output)
    case 'sigmoid':
      return graph.add('Sigmoid', [input], output)
    case 'tanh':
      return graph.add('Tanh', [input], output)
    case 'relu':
      return graph.add('Relu', [input], output)
    case 'leaky-relu':
      return graph.add('LeakyRelu', [input], output, [{ name: 'alpha', type: ATTRIBUTE_FLOAT, f: alpha }])
    case 'sine':
      return graph.add('Sin', [input], output)
    case 'softmax':
      return graph.add('Softmax', [input], output, [intAttribute('axis', 1)])
  }
}

const tensorType = (dims: (number | string)[]) => ({
  tensor_type: { elem_type: FLOAT, shape: { dim: dims.map((d) => (typeof d === 'string' ? { dim_param: d } : { dim_value: d })) } },
})

/** The ONNX model's bytes for a trained project. */
export function onnxExport(project: ProjectFile, inputs: OnnxInputs): Uint8Array<ArrayBuffer> {
  if (!project.weights) throw new Error('the project has no trained weights: train it before exporting an ONNX model')
  checkExportable(project)
  const { network, weights } = project
  const graph = new GraphBuilder()
  let H = inputs.features === null ? 'x' : featureNodes(graph, inputs.features)
  if (inputs.standardization !== null) {
    const { mean, std } = inputs.standardization
    const centered = graph.add('Sub', [H, graph.floats('mean', [mean.length], mean)], 'centered')
    H = graph.add('Div', [centered, graph.floats('std', [std.length], std)], 'standardized')
  }
  let fanIn = network.inputs
  network.layers.forEach((layer, l) => {
    const W = graph.floats(`W${l}`, [fanIn, layer.units], weights[l].W.flat())
    const b = graph.floats(`b${l}`, [layer.units], weights[l].b)
    const Z = graph.add('Gemm', [H, W, b], `Z${l}`)
    H = activationNode(graph, layer.activation, layer.alpha ?? 0.01, Z, l === network.layers.length - 1 ? 'y' : `H${l}`)
    fanIn = layer.units
  })
  const rawInputs = inputs.features === null ? network.inputs : 2
  const model = {
    ir_version: IR_VERSION,
    opset_import: [{ domain: '', version: ONNX_OPSET }],
    producer_name: 'backprop-studio',
    doc_string: `${project.name ?? 'untitled'}: raw inputs x (${inputs.inputNames.join(', ')}) in, y (${inputs.outputNames.join(', ')}) out`,
    graph: {
      name: project.name ?? 'network',
      node: graph.node,
      initializer: graph.initializer,
      input: [{ name: 'x', type: tensorType(['batch', rawInputs]) }],
      output: [{ name: 'y', type: tensorType(['batch', network.layers[network.layers.length - 1].units]) }],
    },
    metadata_props: [
      { key: 'inputs', value: JSON.stringify(inputs.inputNames) },
      { key: 'outputs', value: JSON.stringify(inputs.outputNames) },
    ],
  }
  const type = onnxModelType()
  // A copy of its own (protobufjs may hand out a view of a shared pool), ready to transfer.
  return new Uint8Array(type.encode(type.fromObject(model)).finish())
}
