/**
 * S12's data, from a seed: needs and offers (tools, facilities, skills) as a community posts
 * them. Words follow a Zipf law over one vocabulary in which the common English words rank
 * first (as in real text: matching drops them), then a few hundred words of the domain (some
 * inflected: "gardening", "ladders"), then a long tail of rare made-up words (s10-data's, a few accented); titles lean on
 * the domain's nouns. Tags, places and members are drawn by Zipf laws too (a few are
 * everywhere, most are rare); some items have quantities, availability, coordinates, an expiry
 * (a few already past), and a few are matched or closed.
 */
import type { InsightResource } from '../../shared/insight/contract.ts'
import type { ResourceKind, ResourceStatus } from '../../shared/schemas/resource.ts'
import type { SpaceId } from '../../shared/ids.ts'
import { seededRandom } from '../../shared/seeded-random.ts'
import { rareWords, zipf } from './s10-data.ts'

const COMMON = ('the and of to a in is it that for on with as at by be this from or have an they you not but all we can more ' +
  'if out so up about into some other only our well also after use how most over back much before any just those need offer ' +
  'looking available please help get good new one two').split(' ')
const NOUNS = ('ladder drill trailer bike van hammer saw tent projector kettle mower wheelbarrow spade rake seeds seedlings compost ' +
  'soil garden allotment greenhouse chainsaw generator sander clamp workbench gazebo urn oven mixer blender sewing loom kayak canoe ' +
  'pram cot highchair keyboard guitar amplifier microphone speaker camera tripod printer laminator bookcase sofa wardrobe desk ' +
  'chair table bench fridge freezer heater fan paint brushes scaffold tiles plaster timber planks nails screws boots coats ' +
  'blankets books toys puzzles childcare tutoring maths english spanish portuguese french cooking baking bread jam honey eggs ' +
  'vegetables apples potatoes firewood lift transport driving moving boxes storage room hall kitchen workshop studio office ' +
  'meeting wifi laptop phone repair plumbing wiring electrician carpentry sewing knitting haircut massage yoga dance music ' +
  'lessons translation accounting legal advice design website photos video editing cleaning ironing laundry petsitting ' +
  'dogwalking shopping company visits elders letters forms taxes bicycle tyres pump helmet lights').split(' ')
const INFLECT = ['s', 'ing', 'ed']
const ADJECTIVES = 'cordless folding electric heavy small large wooden portable vintage sturdy spare compact extendable organic fresh weekly urgent free'.split(' ')
const TAGS = ('garden tools kitchen transport outdoor events music sport children repair sewing woodwork electronics cleaning ' +
  'camping books furniture crafts baking food bees compost seeds energy bikes moving storage elders youth learning care ' +
  'health language housing digital pets').split(' ')
const PLACES = ['Lisbon', 'Porto', 'Braga', 'Coimbra', 'Faro', 'Évora', 'Aveiro', 'Setúbal', 'Sintra', 'Cascais']
const AVAILABILITY = ['weekends', 'weekday evenings', 'Saturday mornings', 'mornings', 'any time', 'Sunday afternoon', 'Monday to Friday']
const KINDS: ResourceKind[] = ['offer', 'offer', 'offer', 'offer', 'tool', 'tool', 'skill', 'skill', 'facility']
const DAY = 86_400_000

export interface S12Data { needs: InsightResource[]; offers: InsightResource[]; vocabulary: number }

export function s12Data(opts: { needs: number; offers: number; now: number; seed?: number; members?: number }): S12Data {
  const rnd = seededRandom(opts.seed ?? 12)
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!
  const rare = rareWords(2000, rnd)
  const vocab = [...COMMON, ...NOUNS.map((w) => (rnd() < 0.2 ? w + pick(INFLECT) : w)), ...rare]
  const word = zipf(vocab.length, rnd)
  const noun = zipf(NOUNS.length, rnd)
  const tag = zipf(TAGS.length, rnd)
  const place = zipf(PLACES.length, rnd)
  const member = zipf(opts.members ?? 400, rnd)
  const words = (n: number): string => Array.from({ length: n }, () => vocab[word()]!).join(' ')
  let seq = 0

  const make = (kind: ResourceKind): InsightResource => {
    const id = `r${String(seq++).padStart(6, '0')}`
    const nouns = Array.from({ length: 1 + Math.floor(rnd() * 2) }, () => NOUNS[noun()]! + (rnd() < 0.15 ? pick(INFLECT) : ''))
    const title = `${rnd() < 0.5 ? pick(ADJECTIVES) + ' ' : ''}${nouns.join(' and ')}${rnd() < 0.3 ? ' ' + words(2) : ''}`
    const created = opts.now - Math.floor(rnd() * 90 * DAY)
    const r = rnd()
    const status: ResourceStatus = r < 0.9 ? 'open' : r < 0.95 ? 'matched' : 'closed'
    const item: InsightResource = {
      id, spaceId: 'bench' as SpaceId, kind, status, title: title[0]!.toUpperCase() + title.slice(1),
      description: words(6 + Math.floor(rnd() * 18)), tags: [...new Set(Array.from({ length: Math.floor(rnd() * 4) }, () => TAGS[tag()]!))],
      owner: `did:key:member${member()}`, ownerName: null, createdAt: new Date(created).toISOString(), updatedAt: new Date(created).toISOString(),
    }
    if (rnd() < 0.7) item.location = PLACES[place()]!
    if (rnd() < 0.1) item.coordinates = { lat: 38.7 + rnd() * 0.4, lon: -9.3 + rnd() * 0.4 }
    if (rnd() < 0.3) item.quantity = 1 + Math.floor(rnd() * 20)
    if (rnd() < 0.2) item.availability = pick(AVAILABILITY)
    if ((kind === 'offer' || kind === 'need') && rnd() < 0.6) item.expiresAt = new Date(opts.now + Math.floor((rnd() * 65 - 5) * DAY)).toISOString()
    return item
  }
  const needs = Array.from({ length: opts.needs }, () => make('need'))
  const offers = Array.from({ length: opts.offers }, () => make(pick(KINDS)))
  return { needs, offers, vocabulary: vocab.length }
}
