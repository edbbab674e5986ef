/** Units of work between two points where the reader may yield (a 32 KB chunk of prose is some 1,500). */
const QUANTUM = 256;

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
    let pattern = this.patterns.get(name);
    if (!pattern) {
      pattern = new RegExp(source, flags);
      this.patterns.set(name, pattern);
    }
    pattern.lastIndex = 0;
    return pattern;
  }

  step(n = 1): void {
    this.steps += n;
    this.sinceYield += n;
  }

  /**
   * True (and the count restarts) once a quantum of work was done since the last turn: the
   * reader then yields. A quantum is well under a millisecond of work; the caller that drives the
   * reader decides by its own clock how many quanta one turn of the event loop runs.
   */
  due(): boolean {
    if (this.sinceYield < QUANTUM) return false;
    this.sinceYield = 0;
    return true;
  }
}

/** Runs a cooperative reader to its end without giving the event loop a turn (callers that need none). */
export function runToEnd<T>(run: Generator<void, T>): T {
  for (let step = run.next(); ; step = run.next()) if (step.done) return step.value;
}
