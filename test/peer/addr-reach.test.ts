/** Who can reach an address, as `peers`, invite codes and the community peer's addresses read it. */
import { describe, expect, it } from 'vitest'
import { addrReach, farthestAddrs, type AddrReach } from '../../electron/peer/net/addr-reach.ts'

const HUB = '12D3KooWBYZwFJxpQVihTNxUuDX6EawfXManhWhKPS83ygBWF1Bn'
const ME = '12D3KooWRBy97UB99e3J6hiPesre1MZeuNQvfan4gBziswrRJsNK'

describe('addrReach', () => {
  it.each<[string, AddrReach]>([
    [`/ip4/203.0.113.5/tcp/4001/p2p/${HUB}/p2p-circuit/p2p/${ME}`, 'relayed'],
    ['/ip4/127.0.0.1/tcp/4001', 'loopback'],
    ['/ip6/::1/tcp/4001/ws', 'loopback'],
    ['/ip4/192.168.1.20/tcp/4001', 'lan'],
    ['/ip4/10.231.40.11/tcp/4001', 'lan'],
    ['/ip4/172.20.0.3/tcp/4001', 'lan'],
    ['/ip4/172.32.0.3/tcp/4001', 'public'],
    ['/ip6/fe80::1/tcp/4001', 'lan'],
    ['/ip6/fd00::5/tcp/4001', 'lan'],
    ['/ip4/203.0.113.5/tcp/4001', 'public'],
    ['/dns4/hub.example.org/tcp/443/wss', 'public'],
  ])('%s is %s', (addr, reach) => expect(addrReach(addr)).toBe(reach))
})

describe('farthestAddrs', () => {
  it('gives the public address first, then the LAN, then loopback, TCP before WebSockets, never a relayed one', () => {
    const got = farthestAddrs(['/ip4/127.0.0.1/tcp/4001', '/ip4/192.168.1.20/tcp/4001/ws', '/ip4/192.168.1.20/tcp/4001',
      `/ip4/203.0.113.9/tcp/4001/p2p/${ME}/p2p-circuit`, '/ip4/203.0.113.5/tcp/4001'], HUB, 3)
    expect(got).toEqual([`/ip4/203.0.113.5/tcp/4001/p2p/${HUB}`, `/ip4/192.168.1.20/tcp/4001/p2p/${HUB}`, `/ip4/192.168.1.20/tcp/4001/ws/p2p/${HUB}`])
  })

  it('leaves out what is no multiaddr', () => {
    expect(farthestAddrs(['hub.example.org:4001', '/ip4/203.0.113.5/tcp/4001'], HUB, 2)).toEqual([`/ip4/203.0.113.5/tcp/4001/p2p/${HUB}`])
  })
})
