/**
 * The service's one clock, under the test's control: it starts at a fixed instant and moves a
 * whole second on every reading, so two records written one after the other never share a time
 * and never depend on the machine being slow or fast. `advance` jumps ahead (a day later…).
 */
export class TestClock {
  private ms: number;

  constructor(
    start = '2026-12-01T12:00:00.000Z',
    private readonly tickMs = 1_000,
  ) {
    this.ms = Date.parse(start);
  }

  readonly now = (): Date => {
    const at = new Date(this.ms);
    this.ms += this.tickMs;
    return at;
  };

  /** What the next reading will be, without taking it. */
  peek(): Date {
    return new Date(this.ms);
  }

  advance(ms: number): void {
    this.ms += ms;
  }
}
