// Copies the official onnx.proto (Apache-2.0; Debian's python3-onnx ships it) into the engine as a
// TypeScript string, verbatim, so the exporter can load it with protobufjs without reading files.
// Run once after upgrading python3-onnx: node scripts/vendor-onnx-proto.js [path/to/onnx.proto]
import { readFileSync, writeFileSync } from 'node:fs'

const source = process.argv[2] ?? '/usr/lib/python3/dist-packages/onnx/onnx.proto'
const text = readFileSync(source, 'utf8')
// Inside String.raw only a backtick or a dollar-brace would end or interpolate: interpolate them back.
const escaped = text.replace(/`/g, "${'`'}").replace(/\$\{(?!'`'\})/g, "${'$'}{")
const module = `// The official ONNX schema, onnx.proto (ONNX ${'1.12'}, from Debian's python3-onnx), copied verbatim by
// scripts/vendor-onnx-proto.js. Copyright (c) ONNX Project Contributors; licensed under the
// Apache License 2.0 (SPDX-License-Identifier: Apache-2.0, as the file itself states below);
// see https://www.apache.org/licenses/LICENSE-2.0. Do not edit: re-run the script.
export const ONNX_PROTO = String.raw\`${escaped}\`
`
writeFileSync(new URL('../engine/export/onnx/onnx-proto.ts', import.meta.url), module)
console.log(`wrote engine/export/onnx/onnx-proto.ts from ${source}`)
