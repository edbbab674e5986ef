/**
 * The service over real HTTP in a process of its own, with its event loop watched: a test or a
 * benchmark sends requests from its own process (whose event loop the client's work would block)
 * and reads how long this process's event loop was held at most, in wall time (monitorEventLoopDelay)
 * and in CPU time: the most CPU the process spent between two ticks of a 1 ms timer, which a
 * shared, loaded machine does not inflate the way it inflates wall time.
 *
 * Prints {"url"} once listening. Reads commands on stdin, one a line: `reset` (starts a new
 * measurement, answers {"reset":true}), `report` (answers {"maxMs","p99Ms","maxCpuMs"} since the reset).
 */
import type { AddressInfo } from 'node:net';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { serve } from '@hono/node-server';
import { startHarness } from './harness.js';

const h = await startHarness();
const server = serve({ fetch: h.app.fetch, port: 0, hostname: '127.0.0.1' });
await new Promise((resolve) => server.once('listening', resolve));
const delay = monitorEventLoopDelay({ resolution: 5 });
delay.enable();
let maxCpuMs = 0;
let lastCpu = process.cpuUsage();
const cpuTicker = setInterval(() => {
  const used = process.cpuUsage(lastCpu);
  lastCpu = process.cpuUsage();
  maxCpuMs = Math.max(maxCpuMs, (used.user + used.system) / 1000);
}, 1);
console.log(JSON.stringify({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` }));

createInterface({ input: process.stdin }).on('line', (line) => {
  if (line === 'reset') {
    delay.reset();
    maxCpuMs = 0;
    lastCpu = process.cpuUsage();
    console.log(JSON.stringify({ reset: true }));
  } else if (line === 'report') {
    console.log(JSON.stringify({ maxMs: delay.max / 1e6, p99Ms: delay.percentile(99) / 1e6, maxCpuMs }));
  }
});
process.stdin.once('end', () => {
  clearInterval(cpuTicker);
  server.close();
  void h.stop().then(() => process.exit(0));
});
