/**
 * Counts the units of work one rescue does (tokenizer chunks, tokens, rule evaluations), so that
 * a test can prove the work grows linearly with the input whatever the input is, and so that
 * the cooperative runner knows when to give the event loop a turn. One per call: no shared state.
 */
export class Work {
  steps = 0;
  /** Steps since the runner last yielded. */
  sinceYield = 0;

  /** Patterns compiled once per rescue (a RegExp with the g flag carries state, so never one per module). */
  private readonly patterns = new Map<string, RegExp>();

  /** The run's own instance of a pattern (`name` identifies it), its lastIndex reset. */
  regex(name: string, source: string, flags: string): RegExp {
    const key = name;
    let pattern = this.patterns.get(key);
    if (!pattern) {
      pattern = new RegExp(source, flags);
      this.patterns.set(key, pattern);
    }
    pattern.lastIndex = 0;
    return pattern;
  }

  step(n = 1): void {
    this.steps += n;
    this.sinceYield += n;
  }
}
