import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './app/App'
import { PlatformContext } from './app/platform-context'
import { detectPlatform } from './platform'
import './styles/global.css'

const root = document.getElementById('root')
if (!root) throw new Error('index.html has no #root element.')

createRoot(root).render(
  <StrictMode>
    <PlatformContext.Provider value={detectPlatform()}>
      <App />
    </PlatformContext.Provider>
  </StrictMode>,
)
