/**
 * Structured logging: one JSON object per line on stderr, so stdout stays free for the
 * CLI's machine-readable output (`start` prints exactly one `ready` line there).
 */
export interface Logger {
  debug(msg: string, data?: Record<string, unknown>): void
  info(msg: string, data?: Record<string, unknown>): void
  warn(msg: string, data?: Record<string, unknown>): void
  error(msg: string, data?: Record<string, unknown>): void
  child(component: string): Logger
}

export const LogLevel = { Debug: 10, Info: 20, Warn: 30, Error: 40, Silent: 100 } as const
export type LogLevel = (typeof LogLevel)[keyof typeof LogLevel]

export function parseLogLevel(text: string | undefined): LogLevel {
  switch ((text ?? '').toLowerCase()) {
    case 'debug': return LogLevel.Debug
    case 'warn': return LogLevel.Warn
    case 'error': return LogLevel.Error
    case 'silent': return LogLevel.Silent
    default: return LogLevel.Info
  }
}

/**
 * Writes to stderr until stderr breaks (EPIPE: whoever read it has gone). After that,
 * logging stops silently: a log line that cannot be written must not become an error that
 * is itself logged, which would spin forever and keep the peer from shutting down.
 */
let stderrBroken = false
function writeStderr(line: string): void {
  if (stderrBroken) return
  try {
    process.stderr.write(line + '\n')
  } catch {
    stderrBroken = true
  }
}
process.stderr.on('error', () => {
  stderrBroken = true
})

export function createLogger(level: LogLevel = LogLevel.Info, component = 'peer',
  write: (line: string) => void = writeStderr): Logger {
  const emit = (lvl: LogLevel, name: string, msg: string, data?: Record<string, unknown>): void => {
    if (lvl < level) return
    write(JSON.stringify({ t: new Date().toISOString(), level: name, component, msg, ...data }))
  }
  return {
    debug: (m, d) => emit(LogLevel.Debug, 'debug', m, d),
    info: (m, d) => emit(LogLevel.Info, 'info', m, d),
    warn: (m, d) => emit(LogLevel.Warn, 'warn', m, d),
    error: (m, d) => emit(LogLevel.Error, 'error', m, d),
    child: (c) => createLogger(level, `${component}/${c}`, write),
  }
}
