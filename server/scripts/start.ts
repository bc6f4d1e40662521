import { ensureClientBuilt } from './clientBuild.ts'

// `npm start`: build the client when its build is missing or older than its sources, then serve.

ensureClientBuilt()
await import('../src/main.ts')
