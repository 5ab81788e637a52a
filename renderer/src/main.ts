import { createApp } from 'vue'
import { createPinia } from 'pinia'
import App from './App.vue'
import './styles/base.css'
import { installWebStudio } from './host/web-studio'

// Under the browser host there is no preload: window.studio comes over its WebSocket instead.
installWebStudio()

createApp(App).use(createPinia()).mount('#app')
