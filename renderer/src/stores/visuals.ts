import { defineStore } from 'pinia'
import { ref, shallowRef, watch } from 'vue'
import type { PredictionGrid, WeightSnapshot } from '../../../engine/protocol'
import { useEngineStore } from './engine'
import { useTrainingStore } from './training'
import { singleFlight } from '../lib/single-flight'

/** Multiply-adds one output-grid refresh may cost the engine (its resolution follows). */
const GRID_BUDGET_MACS = 12e6
/** Engine time given to pictures while training: each kind waits this many round trips between requests. */
const PACING = 6
const MIN_GRID_MS = 200
const MIN_DETAIL_MS = 400
/** Big networks redraw the diagram less often while training (its thousands of links cost a frame). */
const DETAIL_MS_PER_PARAMETER = 0.06

export interface VisualsTiming {
  gridMs: number
  detailMs: number
}

function macsPerSample(shapes: [number, number][]): number {
  return shapes.reduce((sum, [rows, cols]) => sum + rows * cols, 0)
}

/** Output-grid resolution for a network: finer for small networks, coarser for big ones. */
export function gridResolution(shapes: [number, number][]): number {
  const cells = GRID_BUDGET_MACS / Math.max(1, macsPerSample(shapes))
  return Math.max(24, Math.min(128, Math.floor(Math.sqrt(cells))))
}

/** Past this many units the diagram summarizes layers: no per-unit heatmaps are asked for. */
export const NEURON_GRID_UNIT_LIMIT = 1024

/** Resolution of the small per-neuron heatmaps. */
export function neuronResolution(shapes: [number, number][]): number {
  const units = shapes.reduce((sum, [, cols]) => sum + cols, 0)
  return units > 120 ? 12 : units > 40 ? 16 : 24
}

/**
 * The pictures of the model: the decision-boundary grid, the per-neuron grids and the weights
 * (for the diagram). Refreshed after every change and a few times a second while training, with
 * one request of each kind in flight (lib/single-flight.ts) and a pace that keeps them a small
 * share of engine time.
 */
export const useVisualsStore = defineStore('visuals', () => {
  const engine = useEngineStore()
  const training = useTrainingStore()
  const grid = shallowRef<PredictionGrid | null>(null)
  const neuronGrid = shallowRef<PredictionGrid | null>(null)
  const snapshot = shallowRef<WeightSnapshot | null>(null)
  /** The snapshot before it (for the last update ΔW), of the same run. */
  const previousSnapshot = shallowRef<WeightSnapshot | null>(null)
  /** Bumped on each new picture, for canvases that redraw. */
  const version = ref(0)
  const timing: VisualsTiming = { gridMs: 0, detailMs: 0 }

  const hasPlane = () => !!engine.loaded?.points
  const trainingNow = () => training.running || training.wantsToRun
  /** Right away when asked again while idle; paced while training; else not. */
  const pace = (again: boolean, minimum: number, lastMs: number): number | null =>
    again && !trainingNow() ? 0 : again || trainingNow() ? Math.max(minimum, PACING * lastMs) : null

  const gridFlight = singleFlight(refreshGrid, {
    next: (again) => (hasPlane() ? pace(again, MIN_GRID_MS, timing.gridMs) : null),
  })
  const detailFlight = singleFlight(refreshDetail, {
    next: (again) => (engine.loaded ? pace(again, MIN_DETAIL_MS + DETAIL_MS_PER_PARAMETER * engine.loaded.parameterCount, timing.detailMs) : null),
  })

  async function refreshGrid(): Promise<void> {
    const loaded = engine.loaded
    if (!loaded || !loaded.points) return
    const started = performance.now()
    const load = engine.loadCount
    try {
      const next = await engine.peek({ type: 'prediction-grid', resolution: gridResolution(loaded.layerShapes), neurons: false })
      // A grid asked of the network before a reload is not of this one: ask again.
      if (load !== engine.loadCount) gridFlight.run()
      else grid.value = next
      version.value++
    } catch {
      // A grid lost to a reload or a restart is simply requested again with the next change.
    } finally {
      timing.gridMs = performance.now() - started
    }
  }

  async function refreshDetail(): Promise<void> {
    const loaded = engine.loaded
    if (!loaded) return
    const started = performance.now()
    const load = engine.loadCount
    try {
      const [weights, neurons] = await Promise.all([
        engine.peek({ type: 'snapshot' }),
        loaded.points && loaded.layerShapes.reduce((sum, [, units]) => sum + units, 0) <= NEURON_GRID_UNIT_LIMIT
          ? engine.peek({ type: 'prediction-grid', resolution: neuronResolution(loaded.layerShapes), neurons: true })
          : Promise.resolve(null),
      ])
      if (load !== engine.loadCount) detailFlight.run()
      else {
        previousSnapshot.value = snapshot.value
        snapshot.value = weights
        neuronGrid.value = neurons
      }
      version.value++
    } catch {
      // As above: the next change asks again.
    } finally {
      timing.detailMs = performance.now() - started
    }
  }

  /** Starts the paced refreshes (training began). */
  function schedule(): void {
    gridFlight.schedule()
    detailFlight.schedule()
  }

  /** Everything once, now (after a load, a step, a reset, a weight edit). */
  function refresh(): void {
    gridFlight.run()
    detailFlight.run()
  }

  watch(() => engine.loadCount, () => {
    grid.value = null
    neuronGrid.value = null
    snapshot.value = null
    previousSnapshot.value = null
    refresh()
  })
  watch(() => training.status.step, () => {
    if (!training.running) refresh()
  })
  watch(() => training.running || training.wantsToRun, (now) => {
    if (now) schedule()
    else refresh()
  })

  return { grid, neuronGrid, snapshot, previousSnapshot, version, timing, refresh }
})
