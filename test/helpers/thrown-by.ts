/** What `fn` threw, or a marker when it returned: lets a table test assert on the error itself. */
export function thrownBy(fn: () => unknown): unknown {
  try {
    fn()
  } catch (err) {
    return err
  }
  return 'returned without throwing'
}
