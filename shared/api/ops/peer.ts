/** Operations about this peer itself: who it is, and whom it is connected to. */
import { arrayOf, defineOperation, noInput, schemaRef } from '../operation.ts'

export const status = defineOperation({
  op: 'status', summary: 'Who this peer is, its addresses, connections, documents, and what is damaged or quarantined',
  http: { method: 'GET', path: '/v1/status', status: 200 }, body: null, input: noInput,
  response: schemaRef('StatusInfo'), needs: { scope: 'peer' },
  cli: { path: ['status'], args: [], usage: 'commonweave status', summary: 'who I am, connections, documents' },
})

export const whoami = defineOperation({
  op: 'whoami', summary: 'This peer\'s did (what a granter needs), and its role and access in each space',
  http: { method: 'GET', path: '/v1/whoami', status: 200 }, body: null, input: noInput,
  response: schemaRef('WhoAmI'), needs: { scope: 'peer' },
  cli: { path: ['whoami'], args: [], usage: 'commonweave whoami', summary: 'your did (give it to whoever grants you access) and your access in each space' },
})

export const peers = defineOperation({
  op: 'peers', summary: 'Peers connected now',
  http: { method: 'GET', path: '/v1/peers', status: 200 }, body: null, input: noInput,
  response: arrayOf(schemaRef('PeerInfo')), needs: { scope: 'peer' },
  cli: { path: ['peers'], args: [], usage: 'commonweave peers', summary: 'connected peers' },
})
