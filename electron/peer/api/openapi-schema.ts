/** Small builders of JSON Schema for the OpenAPI document's components. */
export type Schema = Record<string, unknown>

export const ref = (name: string): Schema => ({ $ref: `#/components/schemas/${name}` })
export const str: Schema = { type: 'string' }
export const int: Schema = { type: 'integer', minimum: 0 }
export const strings: Schema = { type: 'array', items: str }
export const date: Schema = { type: 'string', format: 'date-time' }
export const nullable = (type: string, extra: Schema = {}): Schema => ({ type: [type, 'null'], ...extra })
export const enumOf = (values: readonly string[]): Schema => ({ type: 'string', enum: [...values] })
export const obj = (properties: Record<string, Schema>, required = Object.keys(properties)): Schema =>
  ({ type: 'object', properties, required })

