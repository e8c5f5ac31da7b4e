import type { DbConnection } from '../../db/client';
import { castBallots, notStored, type Cast, type CastOutcome } from './ballots';

/**
 * Group commit: the ballots submitted within one turn of the event loop are written together, in one durable
 * transaction (castBallots), and each submission's answer is given only after that commit. A hall of phones pressing
 * at once then costs one disk flush per turn instead of one per ballot, and a confirmed ballot is still on disk
 * before its receipt is shown. A ballot refused or failing inside the batch is answered alone; the others stand.
 */
interface Turn { casts: Cast[]; answers: ((o: CastOutcome) => void)[] }

const turns = new WeakMap<DbConnection, Turn>();

/** Casts one ballot with the others of this turn; resolves once the batch holding it has been committed (or refused). */
export function castInTurn(conn: DbConnection, cast: Cast): Promise<CastOutcome> {
  return new Promise((resolve) => {
    let turn = turns.get(conn);
    if (!turn) {
      turn = { casts: [], answers: [] };
      turns.set(conn, turn);
      // After the I/O callbacks of this turn: every request whose body was read in it has joined the batch.
      setImmediate(commitTurn, conn, turn);
    }
    turn.casts.push(cast);
    turn.answers.push(resolve);
  });
}

function commitTurn(conn: DbConnection, turn: Turn): void {
  turns.delete(conn);
  let outcomes: CastOutcome[];
  try {
    outcomes = castBallots(conn, turn.casts);
  } catch (err) {
    // Nothing of the batch was committed (the transaction rolled back): every voter is told to send it again.
    console.error('ballot batch not stored:', err);
    outcomes = turn.casts.map(notStored);
  }
  turn.answers.forEach((answer, i) => answer(outcomes[i]!));
}
