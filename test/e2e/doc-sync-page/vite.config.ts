/** The app's own Vite config, rooted at this check page (the output folder is given on the command line). */
import { mergeConfig } from 'vite'
import app from '../../../vite.config.ts'

export default mergeConfig(app, { root: import.meta.dirname, build: { outDir: undefined } })
