import { parentPort, workerData } from 'node:worker_threads';
import { openDb } from '../../db/client';
import { castBallot } from '../../src/data/ballots';

/**
 * One competitor in the race: its own connection to the same database file, waiting at a shared gate so that
 * every worker calls castBallot at the same moment, on its own thread.
 */
const { path, pollId, representativeId, fields, gate } = workerData as {
  path: string; pollId: number; representativeId: number; fields: Record<string, string>; gate: SharedArrayBuffer;
};
const db = openDb(path);
const flags = new Int32Array(gate);
Atomics.add(flags, 1, 1); // ready
Atomics.wait(flags, 0, 0); // until the main thread opens the gate
const result = castBallot(db, pollId, representativeId, fields);
db.$client.close();
parentPort!.postMessage(result);
