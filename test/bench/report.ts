/** The bench's figures as it prints them: percentiles, numbers with units, and the table of rows printed at the end. */

export const pct = (xs: number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN
}
export const median = (xs: number[]): number => pct(xs, 50)
export const fmt = (n: number, unit: string): string => `${n < 10 ? n.toFixed(1) : Math.round(n)} ${unit}`

/** The table printed at the end: one row a figure, against its baseline, as a ratio. */
export const rows: string[][] = []
export const row = (scenario: string, ours: string, baseline: string, ratio: number, target: string): void => {
  rows.push([scenario, ours, baseline, `${ratio.toFixed(2)}×`, target])
  console.log(`  ${scenario}: ${ours} vs ${baseline} = ${ratio.toFixed(2)}× (target ${target})`)
}
