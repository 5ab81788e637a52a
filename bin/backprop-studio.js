#!/usr/bin/env node
// `npx backprop-studio`: runs the built CLI (out/main/cli.js), building it first if needed.
import { buildIfNeeded } from '../scripts/build-if-needed.js'

buildIfNeeded()
await import(new URL('../out/main/cli.js', import.meta.url).href)
