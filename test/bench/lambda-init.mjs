// Started once per measurement by functions.bench.ts as `node lambda-init.mjs <bundle> <event>`:
// the whole process a Lambda cold start pays for, from node's own start to the first answer.
// Prints {wallMs, cpuMs, statusCode} measured inside the process, then exits.
import { pathToFileURL } from 'node:url';

const [bundle, event] = process.argv.slice(2);
const { handler } = await import(pathToFileURL(bundle).href);
const result = await handler(JSON.parse(event), { callbackWaitsForEmptyEventLoop: false });
const cpu = process.cpuUsage();
process.stdout.write(
  `${JSON.stringify({ wallMs: performance.now(), cpuMs: (cpu.user + cpu.system) / 1000, statusCode: result.statusCode })}\n`,
);
process.exit(0);
