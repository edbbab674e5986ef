/**
 * Counts the units of work one rescue does (tokenizer chunks, tokens, rule evaluations), so that
 * a test can prove the work grows linearly with the input whatever the input is, and so that
 * the cooperative runner knows when to give the event loop a turn. One per call: no shared state.
 */
export class Work {
  steps = 0;
  /** Steps since the runner last yielded. */
  sinceYield = 0;

  step(n = 1): void {
    this.steps += n;
    this.sinceYield += n;
  }
}
