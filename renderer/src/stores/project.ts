import { defineStore } from 'pinia'
import { computed, ref } from 'vue'

/** What the open project is called and whether it differs from what is on disk. */
export const useProjectStore = defineStore('project', () => {
  const filePath = ref<string | null>(null)
  const dirty = ref(false)
  const fileName = computed(() => (filePath.value ? filePath.value.split(/[\\/]/).pop()! : 'Untitled'))
  const windowTitle = computed(() => `${dirty.value ? '• ' : ''}${fileName.value} — Backprop Studio`)
  return { filePath, dirty, fileName, windowTitle }
})
