/**
 * A peer broke a wire protocol. Each protocol has its own subclass and list of codes; tests and
 * callers check `code`, never the message.
 */
export class ProtocolError<Code extends string> extends Error {
  readonly code: Code
  constructor(code: Code, message: string) {
    super(message)
    this.name = new.target.name
    this.code = code
  }
}
