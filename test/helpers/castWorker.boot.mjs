// Worker-thread entry: lets a plain worker load the TypeScript cast worker (the same loader `npm start` uses).
import { register } from 'tsx/esm/api';
import { workerData } from 'node:worker_threads';

register();
await import(workerData.entry);
