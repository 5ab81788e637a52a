#!/usr/bin/env node
// `npx backprop-studio`: runs the built CLI (out/main/cli.js), building it first if needed.
import { buildIfNeeded } from '../scripts/build-if-needed.js'

buildIfNeeded()
// @ts-ignore -- built output, absent until the first build
await import('../out/main/cli.js')
