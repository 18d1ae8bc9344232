// Entry point of the device simulators (see simulate.ts):
//   npm run simulate -- <idcard|printer|pad|keypad> (--path <tty> | --pair | --tcp <port>) [options]
// Commands come one per line on stdin (typed, or piped from a script); "quit" or Ctrl-C stops.
import { createInterface } from 'node:readline';
import { parseSimulateArgs, SimulateUsageError, startSimulation, type Simulation } from './simulate.js';

let args;
try {
  args = parseSimulateArgs(process.argv.slice(2));
} catch (e) {
  console.error(e instanceof SimulateUsageError ? e.message : e);
  process.exit(2);
}

let simulation: Simulation;
try {
  simulation = await startSimulation(args, (line) => console.log(line));
} catch (e) {
  console.error((e as Error).message);
  process.exit(1);
}

let stopping = false;
const stop = (code: number): void => {
  if (stopping) return;
  stopping = true;
  simulation.close().then(
    () => process.exit(code),
    () => process.exit(1),
  );
};
process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));
void simulation.ended.then(() => stop(1));

// Commands run one after another (a key press waits for the host's echo); the end of piped input
// leaves the device running, as a real one stays plugged in, until "quit" or a signal.
const lines = createInterface({ input: process.stdin, terminal: false });
let queue = Promise.resolve(true);
lines.on('line', (line) => {
  queue = queue.then(async (running) => {
    if (!running) return false;
    const more = await simulation.handle(line);
    if (!more) stop(0);
    return more;
  });
});
