// How the studio names the network's units: inputs by feature or column, hidden units h1·3,
// outputs out·1 (see lib/names.ts). The diagram and the inspector share it.
import { computed, type ComputedRef } from 'vue'
import { builtinInfo } from '../../../engine/data/builtin-catalog'
import { featureLabel } from '../../../engine/data/features'
import { featureDisplayName, type NetworkNaming } from '../lib/names'
import { useProjectStore } from '../stores/project'

export function useNetworkNaming(): ComputedRef<NetworkNaming> {
  const project = useProjectStore()
  return computed<NetworkNaming>(() => {
    const { data, network } = project.doc
    const raw: [string, string] = data.source === 'csv' && data.inputs.length === 2 ? [data.inputs[0], data.inputs[1]] : ['x1', 'x2']
    const inputNames =
      data.source === 'builtin'
        ? builtinInfo(data.name).inputNames
        : data.source === 'csv' && !data.features
          ? data.inputs
          : (data.features ?? ['x1', 'x2']).map((f) => featureDisplayName(featureLabel(f, raw)))
    return { inputNames: inputNames.slice(0, network.inputs), units: network.layers.map((l) => l.units) }
  })
}
