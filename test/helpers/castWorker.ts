import { parentPort, workerData } from 'node:worker_threads';
import { openDb } from '../../db/client';
import { castBallot } from '../../src/data/ballots';
import { optionsOf, pollById } from '../../src/data/pollReads';
import { ballotForm } from '../../src/domain/ballot';

/**
 * One competitor in the race: its own connection to the same database file, waiting at a shared gate so that
 * every worker calls castBallot at the same moment, on its own thread. Like the route, it reads the poll and its
 * options (the ballot's subject) before the race; the race is the cast's transaction.
 */
const { path, pollId, representativeId, fields, gate } = workerData as {
  path: string; pollId: number; representativeId: number; fields: Record<string, string>; gate: SharedArrayBuffer;
};
const db = openDb(path);
const poll = pollById(db, pollId)!;
const options = optionsOf(db, pollId);
const { marks } = ballotForm(poll.kind, options.map((o) => o.id)).parse(fields);
const flags = new Int32Array(gate);
Atomics.add(flags, 1, 1); // ready
Atomics.wait(flags, 0, 0); // until the main thread opens the gate
const result = castBallot(db, { poll, options, voter: { id: representativeId } }, marks);
db.$client.close();
parentPort!.postMessage(result);
